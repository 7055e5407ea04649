package dev.orchestration.cache.semantic;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import dev.orchestration.cache.semantic.internal.ClusterCentroids;
import dev.orchestration.cache.semantic.internal.ClusterRows;
import dev.orchestration.cache.semantic.internal.ProjectionBasis;
import dev.orchestration.cache.semantic.internal.SemanticText;
import dev.orchestration.cache.semantic.internal.VectorMath;
import org.jspecify.annotations.Nullable;

/**
 * A bounded in-memory {@link SemanticIndex} with one partition per scope, expiry and
 * eviction of the soonest-expiring entry when full.
 * <p>
 * Vectors are copied and L2-normalised on the way in (and queries on the way in), so the
 * similarity is the cosine computed as a dot product. Each scope keeps its vectors in one
 * contiguous array, so a lookup scans only the entries of its own scope. Expired entries
 * never match; they are purged when the index is written to or its size is read. When the
 * index holds {@code maxEntries} live entries, adding one evicts the entry that expires
 * soonest (with equal time-to-live, the oldest), and {@link #evictions()} counts it.
 * Thread-safe: lookups share a read lock and run concurrently; writes take the write
 * lock.
 * <p>
 * <b>Exact pruned search.</b> Once a scope holds {@value #DEFAULT_PRUNED_SCAN_MINIMUM}
 * entries, the index learns (once, from that scope's vectors) a {@link ProjectionBasis}
 * of {@value #DEFAULT_RANK} leading directions and keeps, per entry, its coordinates in
 * that subspace and the norm of the rest. A lookup in a large scope first computes for
 * every entry the upper bound {@code Pq.Px + tail(q) * tail(x)} of its similarity
 * ({@value #DEFAULT_RANK} multiply-adds instead of one per dimension), then computes the
 * full dot product only for entries whose bound reaches both {@code minSimilarity} and
 * the best similarity found so far. The bound holds for any orthonormal basis (the sample
 * only makes it tight), with a margin of {@value #BOUND_MARGIN} for floating-point
 * rounding, so the result is the one a scan of every entry returns: the same entry, the
 * same similarity, ties going to the entry a scan meets first.
 * {@link #exactComparisons()} counts the full dot products.
 * <p>
 * <b>Approximate search</b> ({@link #approximate(int, int)}, opt-in). Once a scope holds
 * {@value #APPROXIMATE_SEARCH_MINIMUM} entries, the index learns (once, from that scope's
 * vectors) {@value #CLUSTERS} centroids by spherical k-means; each entry belongs to its
 * nearest centroid, and a lookup computes full dot products only for the entries of the
 * {@code probes} centroids nearest to the query (an inverted file, whose clusters keep
 * their vectors end to end a second time: a lookup reads a few contiguous runs, at twice
 * the vectors' memory for such scopes). It can miss the best entry when that sits in a
 * cluster not probed, but never returns a similarity other than the entry's own, so a
 * cache on top of it can only miss more, never serve a hit below its threshold.
 * docs/semantic-cache.md measures how often it agrees with the exact search.
 */
public final class InMemorySemanticIndex implements SemanticIndex {

	/**
	 * Entries of one scope from which a lookup uses the bound (and the basis is learnt).
	 */
	static final int DEFAULT_PRUNED_SCAN_MINIMUM = 1024;

	/** Directions of the projection basis. */
	static final int DEFAULT_RANK = 64;

	/**
	 * Added to every bound before it is compared: covers the float rounding of the bound
	 * (at most ~1e-5 for unit vectors of 384 dimensions) and of the scan's own dot
	 * product.
	 */
	static final double BOUND_MARGIN = 1e-4;

	/** Vectors of the scope that first reaches the minimum used to learn the basis. */
	private static final int TRAINING_SAMPLE = 2048;

	/** Entries of one scope from which the approximate search clusters it. */
	static final int APPROXIMATE_SEARCH_MINIMUM = 4096;

	/** Centroids of the approximate search. */
	static final int CLUSTERS = 128;

	/**
	 * Vectors of the scope that first reaches its minimum used to learn the centroids.
	 */
	private static final int CLUSTER_SAMPLE = 4096;

	/** Clusters a lookup probes, 0 for the exact search. */
	private final int probes;

	/** Learnt once, for vectors of its dimension count; then immutable. */
	private volatile @Nullable ClusterCentroids centroids;

	private final AtomicBoolean clustering = new AtomicBoolean();

	private final int maxEntries;

	private final int prunedScanMinimum;

	private final int rank;

	/** Learnt once, for vectors of its dimension count; then immutable. */
	private volatile @Nullable ProjectionBasis basis;

	private final AtomicBoolean training = new AtomicBoolean();

	private final LongAdder exactComparisons = new LongAdder();

	private final Clock clock;

	private final Map<String, Partition> partitions = new HashMap<>();

	/**
	 * All entries ordered by expiry, then insertion: the head is the next to expire or to
	 * evict.
	 */
	private final TreeSet<Entry> byExpiry = new TreeSet<>(
			Comparator.comparing((Entry entry) -> entry.expiresAt).thenComparingLong((entry) -> entry.sequence));

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final AtomicLong evictions = new AtomicLong();

	private final AtomicLong expirations = new AtomicLong();

	private long sequence;

	/**
	 * Creates an index holding at most {@code maxEntries} entries over all scopes, on the
	 * system clock.
	 * @param maxEntries the maximum number of entries (at least 1)
	 */
	public InMemorySemanticIndex(int maxEntries) {
		this(maxEntries, Clock.systemUTC());
	}

	/**
	 * Creates an index holding at most {@code maxEntries} entries over all scopes.
	 * @param maxEntries the maximum number of entries (at least 1)
	 * @param clock the clock that decides expiry
	 */
	public InMemorySemanticIndex(int maxEntries, Clock clock) {
		this(maxEntries, clock, DEFAULT_PRUNED_SCAN_MINIMUM, DEFAULT_RANK, 0);
	}

	/**
	 * Creates an index with its own search parameters (tests and benchmarks).
	 * @param maxEntries the maximum number of entries (at least 1)
	 * @param clock the clock that decides expiry
	 * @param prunedScanMinimum entries of one scope from which lookups use the bound
	 * ({@code Integer.MAX_VALUE}: always scan every entry)
	 * @param rank the directions of the projection basis (used only for vectors of more
	 * than twice as many dimensions)
	 */
	InMemorySemanticIndex(int maxEntries, Clock clock, int prunedScanMinimum, int rank) {
		this(maxEntries, clock, prunedScanMinimum, rank, 0);
	}

	/**
	 * Creates an index with its own search parameters (tests and benchmarks).
	 * @param maxEntries the maximum number of entries (at least 1)
	 * @param clock the clock that decides expiry
	 * @param prunedScanMinimum entries of one scope from which lookups use the bound
	 * ({@code Integer.MAX_VALUE}: always scan every entry)
	 * @param rank the directions of the projection basis (used only for vectors of more
	 * than twice as many dimensions)
	 * @param probes the clusters an approximate lookup scans (1 to {@value #CLUSTERS}), 0
	 * for the exact search
	 */
	InMemorySemanticIndex(int maxEntries, Clock clock, int prunedScanMinimum, int rank, int probes) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
		}
		if (prunedScanMinimum < 1 || rank < 1) {
			throw new IllegalArgumentException("prunedScanMinimum and rank must be at least 1");
		}
		if (probes < 0 || probes > CLUSTERS) {
			throw new IllegalArgumentException(
					"probes must be between 1 and " + CLUSTERS + " (0: exact), was " + probes);
		}
		this.probes = probes;
		this.maxEntries = maxEntries;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.prunedScanMinimum = prunedScanMinimum;
		this.rank = rank;
	}

	/**
	 * Creates an index that always scans every entry of the scope (the reference the
	 * pruned search is measured and tested against).
	 * @param maxEntries the maximum number of entries (at least 1)
	 * @return an index without the bound
	 */
	public static InMemorySemanticIndex fullScan(int maxEntries) {
		return new InMemorySemanticIndex(maxEntries, Clock.systemUTC(), Integer.MAX_VALUE, DEFAULT_RANK);
	}

	/**
	 * Creates an index whose scopes of {@value #APPROXIMATE_SEARCH_MINIMUM} entries or
	 * more are searched approximately: only the entries of the {@code probes} of
	 * {@value #CLUSTERS} clusters nearest to the query (smaller scopes use the exact
	 * search).
	 * @param maxEntries the maximum number of entries (at least 1)
	 * @param probes the clusters a lookup scans, 1 to {@value #CLUSTERS} (more: slower,
	 * closer to the exact search)
	 * @return an index with the approximate search
	 */
	public static InMemorySemanticIndex approximate(int maxEntries, int probes) {
		if (probes < 1) {
			throw new IllegalArgumentException("probes must be between 1 and " + CLUSTERS + ", was " + probes);
		}
		return new InMemorySemanticIndex(maxEntries, Clock.systemUTC(), DEFAULT_PRUNED_SCAN_MINIMUM, DEFAULT_RANK,
				probes);
	}

	@Override
	public void add(String scope, String entryId, float[] vector, Instant expiresAt) {
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(entryId, "entryId");
		Objects.requireNonNull(expiresAt, "expiresAt");
		float[] normalised = normalisedCopy(vector);
		Instant now = this.clock.instant();
		if (!expiresAt.isAfter(now)) {
			remove(scope, entryId);
			return;
		}
		float @Nullable [] sample = null;
		float @Nullable [] clusterSample = null;
		this.lock.writeLock().lock();
		try {
			purgeExpired(now);
			Partition partition = this.partitions.get(scope);
			if (partition != null) {
				partition.checkDimensions(normalised.length);
				Entry previous = partition.remove(entryId);
				if (previous != null) {
					this.byExpiry.remove(previous);
				}
			}
			while (this.byExpiry.size() >= this.maxEntries) {
				Entry victim = this.byExpiry.pollFirst();
				removeFromPartition(Objects.requireNonNull(victim));
				this.evictions.incrementAndGet();
			}
			partition = this.partitions.computeIfAbsent(scope, (key) -> new Partition(key, normalised.length));
			Entry entry = new Entry(scope, entryId, expiresAt, this.sequence++);
			ProjectionBasis current = this.basis;
			if (current != null && partition.projected == null && partition.count + 1 >= this.prunedScanMinimum) {
				partition.useBasis(current);
			}
			ClusterCentroids clusters = this.centroids;
			if (clusters != null && partition.clusterRows == null
					&& partition.count + 1 >= APPROXIMATE_SEARCH_MINIMUM) {
				partition.useCentroids(clusters);
			}
			partition.add(entry, normalised);
			this.byExpiry.add(entry);
			if (current == null && partition.count >= this.prunedScanMinimum && normalised.length > 2 * this.rank
					&& this.training.compareAndSet(false, true)) {
				sample = partition.sample(TRAINING_SAMPLE);
			}
			if (this.probes > 0 && clusters == null && partition.count >= APPROXIMATE_SEARCH_MINIMUM
					&& this.clustering.compareAndSet(false, true)) {
				clusterSample = partition.sample(CLUSTER_SAMPLE);
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
		if (sample != null) {
			learnBasis(scope, sample, normalised.length);
		}
		if (clusterSample != null) {
			learnCentroids(scope, clusterSample, normalised.length);
		}
	}

	/**
	 * Learns the centroids outside the lock (about a second, once per index, on the
	 * thread whose write made a scope large enough), then assigns that scope's entries;
	 * other scopes are assigned when they next grow past the minimum.
	 */
	private void learnCentroids(String scope, float[] sample, int dimensions) {
		ClusterCentroids learnt = ClusterCentroids.train(sample, sample.length / dimensions, dimensions, CLUSTERS);
		if (learnt != null) {
			install(scope, dimensions, () -> this.centroids = learnt, (partition) -> partition.useCentroids(learnt));
		}
	}

	/**
	 * Learns the basis outside the lock (a fraction of a second, once per index, on the
	 * thread whose write made a scope large enough), then projects that scope; other
	 * scopes are projected when they next grow past the minimum.
	 */
	private void learnBasis(String scope, float[] sample, int dimensions) {
		ProjectionBasis learnt = ProjectionBasis.train(sample, sample.length / dimensions, dimensions, this.rank);
		if (learnt != null) {
			install(scope, dimensions, () -> this.basis = learnt, (partition) -> partition.useBasis(learnt));
		}
	}

	/**
	 * Under the write lock: keeps what was learnt for the index and applies it to the
	 * scope that was sampled.
	 */
	private void install(String scope, int dimensions, Runnable keep, Consumer<Partition> apply) {
		this.lock.writeLock().lock();
		try {
			keep.run();
			Partition partition = this.partitions.get(scope);
			if (partition != null && partition.dimensions == dimensions) {
				apply.accept(partition);
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public Optional<SemanticMatch> nearest(String scope, float[] vector, double minSimilarity) {
		Objects.requireNonNull(scope, "scope");
		float[] query = normalisedCopy(vector);
		Instant now = this.clock.instant();
		this.lock.readLock().lock();
		try {
			Partition partition = this.partitions.get(scope);
			if (partition == null || partition.dimensions != query.length) {
				return Optional.empty();
			}
			if (partition.clusterRows != null && partition.count >= APPROXIMATE_SEARCH_MINIMUM) {
				return partition.nearestApproximate(query, minSimilarity, now, this.probes, this.exactComparisons);
			}
			if (partition.projected != null && partition.count >= this.prunedScanMinimum) {
				return partition.nearestPruned(query, minSimilarity, now, this.exactComparisons);
			}
			this.exactComparisons.add(partition.count);
			return partition.nearest(query, minSimilarity, now);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public void remove(String scope, String entryId) {
		this.lock.writeLock().lock();
		try {
			Partition partition = this.partitions.get(scope);
			if (partition != null) {
				Entry removed = partition.remove(entryId);
				if (removed != null) {
					this.byExpiry.remove(removed);
				}
				if (partition.count == 0) {
					this.partitions.remove(scope);
				}
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Also clears the partitions the semantic cache derives from the scope for questions
	 * with a context ({@code scope + ":c" + digest}, see
	 * {@link SemanticText#partition(String)}).
	 */
	@Override
	public void clear(String scope) {
		this.lock.writeLock().lock();
		try {
			String derived = scope + SemanticText.CONTEXT_SEPARATOR;
			this.partitions.entrySet().removeIf((candidate) -> {
				if (!candidate.getKey().equals(scope) && !candidate.getKey().startsWith(derived)) {
					return false;
				}
				Partition partition = candidate.getValue();
				for (int i = 0; i < partition.count; i++) {
					this.byExpiry.remove(partition.entries[i]);
				}
				return true;
			});
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public long size() {
		this.lock.writeLock().lock();
		try {
			purgeExpired(this.clock.instant());
			return this.byExpiry.size();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * Returns the number of entries evicted because the index was full (expired entries
	 * are not counted).
	 * @return the number of evictions since creation
	 */
	public long evictions() {
		return this.evictions.get();
	}

	/**
	 * Returns the number of full dot products computed by lookups (a scan of every entry
	 * counts one per entry; the pruned search one per entry whose bound could not rule it
	 * out).
	 * @return the number of full similarity computations since creation
	 */
	public long exactComparisons() {
		return this.exactComparisons.sum();
	}

	/**
	 * Returns whether lookups in large scopes use the bound (the basis has been learnt).
	 * @return true once the projection basis exists
	 */
	public boolean pruning() {
		return this.basis != null;
	}

	/**
	 * Returns whether lookups in large scopes are approximate (the centroids have been
	 * learnt).
	 * @return true once the centroids of the approximate search exist
	 */
	public boolean clustered() {
		return this.centroids != null;
	}

	/**
	 * Returns the clusters an approximate lookup scans.
	 * @return the probes of the approximate search, 0 when the search is exact
	 */
	public int searchProbes() {
		return this.probes;
	}

	/**
	 * Returns the number of expired entries purged.
	 * @return the number of expired entries removed since creation
	 */
	public long expirations() {
		return this.expirations.get();
	}

	/**
	 * Returns the number of scopes that currently hold entries.
	 * @return the number of scopes
	 */
	public int scopeCount() {
		this.lock.readLock().lock();
		try {
			return this.partitions.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Returns the maximum number of entries.
	 * @return the capacity over all scopes
	 */
	public int maxEntries() {
		return this.maxEntries;
	}

	private void purgeExpired(Instant now) {
		while (!this.byExpiry.isEmpty() && !this.byExpiry.first().expiresAt.isAfter(now)) {
			removeFromPartition(this.byExpiry.pollFirst());
			this.expirations.incrementAndGet();
		}
	}

	private void removeFromPartition(Entry entry) {
		Partition partition = this.partitions.get(entry.scope);
		if (partition != null) {
			partition.remove(entry.id);
			if (partition.count == 0) {
				this.partitions.remove(entry.scope);
			}
		}
	}

	static float[] normalisedCopy(float[] vector) {
		Objects.requireNonNull(vector, "vector");
		if (vector.length == 0) {
			throw new IllegalArgumentException("vector must not be empty");
		}
		double sum = 0;
		for (float value : vector) {
			sum += (double) value * value;
		}
		if (!(sum > 0) || Double.isInfinite(sum)) {
			throw new IllegalArgumentException("vector must have a finite, non-zero norm");
		}
		float scale = (float) (1.0 / Math.sqrt(sum));
		float[] copy = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			copy[i] = vector[i] * scale;
		}
		return copy;
	}

	private static final class Entry {

		final String scope;

		final String id;

		final Instant expiresAt;

		final long sequence;

		int slot;

		Entry(String scope, String id, Instant expiresAt, long sequence) {
			this.scope = scope;
			this.id = id;
			this.expiresAt = expiresAt;
			this.sequence = sequence;
		}

	}

	/** The entries of one scope; vectors packed row by row in one array. */
	private static final class Partition {

		final String scope;

		final int dimensions;

		final Map<String, Entry> byId = new HashMap<>();

		Entry[] entries = new Entry[8];

		float[] vectors;

		/** Coordinates in the basis, {@code rank} per entry, once the scope is large. */
		float @Nullable [] projected;

		/** Norm of each entry outside the basis's subspace. */
		float @Nullable [] tails;

		@Nullable ProjectionBasis basis;

		@Nullable ClusterCentroids centroids;

		/**
		 * The cluster of each entry and the vectors again, grouped by cluster, once the
		 * scope is large (approximate search).
		 */
		@Nullable ClusterRows clusterRows;

		int count;

		Partition(String scope, int dimensions) {
			this.scope = scope;
			this.dimensions = dimensions;
			this.vectors = new float[8 * dimensions];
		}

		void checkDimensions(int length) {
			if (length != this.dimensions) {
				throw new IllegalArgumentException("Scope '" + this.scope + "' holds vectors of " + this.dimensions
						+ " dimensions, not " + length);
			}
		}

		void add(Entry entry, float[] vector) {
			checkDimensions(vector.length);
			if (this.count == this.entries.length) {
				int capacity = this.entries.length * 2;
				this.entries = Arrays.copyOf(this.entries, capacity);
				this.vectors = Arrays.copyOf(this.vectors, capacity * this.dimensions);
				if (this.projected != null && this.tails != null && this.basis != null) {
					this.projected = Arrays.copyOf(this.projected, capacity * this.basis.rank());
					this.tails = Arrays.copyOf(this.tails, capacity);
				}
			}
			entry.slot = this.count;
			this.entries[this.count] = entry;
			System.arraycopy(vector, 0, this.vectors, this.count * this.dimensions, this.dimensions);
			if (this.projected != null && this.tails != null && this.basis != null) {
				this.tails[this.count] = this.basis.project(vector, this.projected, this.count * this.basis.rank());
			}
			if (this.centroids != null && this.clusterRows != null) {
				this.clusterRows.add(this.centroids.nearest(vector), this.count, this.vectors,
						this.count * this.dimensions);
			}
			this.count++;
			this.byId.put(entry.id, entry);
		}

		/** Projects every entry (under the write lock); later adds project as they go. */
		void useBasis(ProjectionBasis basis) {
			if (basis.dimensions() != this.dimensions || this.projected != null) {
				return;
			}
			int rank = basis.rank();
			float[] coordinates = new float[this.entries.length * rank];
			float[] norms = new float[this.entries.length];
			float[] row = new float[this.dimensions];
			for (int i = 0; i < this.count; i++) {
				System.arraycopy(this.vectors, i * this.dimensions, row, 0, this.dimensions);
				norms[i] = basis.project(row, coordinates, i * rank);
			}
			this.basis = basis;
			this.projected = coordinates;
			this.tails = norms;
		}

		/**
		 * Assigns every entry to its cluster (under the write lock); later adds as they
		 * go.
		 */
		void useCentroids(ClusterCentroids centroids) {
			if (centroids.dimensions() != this.dimensions || this.clusterRows != null) {
				return;
			}
			ClusterRows rows = new ClusterRows(centroids.count(), this.dimensions, this.entries.length);
			float[] row = new float[this.dimensions];
			for (int i = 0; i < this.count; i++) {
				System.arraycopy(this.vectors, i * this.dimensions, row, 0, this.dimensions);
				rows.add(centroids.nearest(row), i, this.vectors, i * this.dimensions);
			}
			this.centroids = centroids;
			this.clusterRows = rows;
		}

		/** Up to {@code limit} vectors spread over the scope, copied. */
		float[] sample(int limit) {
			int n = Math.min(limit, this.count);
			float[] sample = new float[n * this.dimensions];
			for (int i = 0; i < n; i++) {
				int source = (int) ((long) i * this.count / n);
				System.arraycopy(this.vectors, source * this.dimensions, sample, i * this.dimensions, this.dimensions);
			}
			return sample;
		}

		@Nullable Entry remove(String id) {
			Entry entry = this.byId.remove(id);
			if (entry == null) {
				return null;
			}
			int last = this.count - 1;
			int slot = entry.slot;
			if (this.clusterRows != null) {
				this.clusterRows.remove(slot);
				if (slot != last) {
					this.clusterRows.move(last, slot);
				}
			}
			if (slot != last) {
				Entry moved = this.entries[last];
				this.entries[slot] = moved;
				moved.slot = slot;
				System.arraycopy(this.vectors, last * this.dimensions, this.vectors, slot * this.dimensions,
						this.dimensions);
				if (this.projected != null && this.tails != null && this.basis != null) {
					int rank = this.basis.rank();
					System.arraycopy(this.projected, last * rank, this.projected, slot * rank, rank);
					this.tails[slot] = this.tails[last];
				}
			}
			this.entries[last] = null;
			this.count = last;
			return entry;
		}

		Optional<SemanticMatch> nearest(float[] query, double minSimilarity, Instant now) {
			int dims = this.dimensions;
			float[] data = this.vectors;
			int best = -1;
			double bestSimilarity = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < this.count; i++) {
				float dot = dot(query, data, i * dims, dims);
				if (dot > bestSimilarity && this.entries[i].expiresAt.isAfter(now)) {
					bestSimilarity = dot;
					best = i;
				}
			}
			return match(best, bestSimilarity, minSimilarity);
		}

		/** The best entry found, unless none was or it is below the floor. */
		private Optional<SemanticMatch> match(int best, double bestSimilarity, double minSimilarity) {
			if (best < 0 || bestSimilarity < minSimilarity) {
				return Optional.empty();
			}
			return Optional.of(new SemanticMatch(this.entries[best].id, Math.min(1.0, bestSimilarity)));
		}

		/**
		 * The same result as {@link #nearest}: bounds first, full dot products only where
		 * a bound reaches both the floor and the best found so far.
		 */
		Optional<SemanticMatch> nearestPruned(float[] query, double minSimilarity, Instant now, LongAdder comparisons) {
			ProjectionBasis basis = Objects.requireNonNull(this.basis);
			float[] coordinates = Objects.requireNonNull(this.projected);
			float[] norms = Objects.requireNonNull(this.tails);
			int rank = basis.rank();
			float[] projectedQuery = new float[rank];
			float queryTail = basis.project(query, projectedQuery, 0);
			int n = this.count;
			float[] bounds = new float[n];
			int seed = -1;
			float seedBound = Float.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				float bound = dot(projectedQuery, coordinates, i * rank, rank) + queryTail * norms[i];
				bounds[i] = bound;
				if (bound > seedBound) {
					seedBound = bound;
					seed = i;
				}
			}
			int dims = this.dimensions;
			float[] data = this.vectors;
			int best = -1;
			double bestSimilarity = Double.NEGATIVE_INFINITY;
			long computed = 0;
			// the entry with the highest bound first: usually the best or close to it, so
			// that the floor rises at once
			if (seed >= 0 && seedBound + BOUND_MARGIN >= minSimilarity && this.entries[seed].expiresAt.isAfter(now)) {
				bestSimilarity = dot(query, data, seed * dims, dims);
				best = seed;
				computed++;
			}
			for (int i = 0; i < n; i++) {
				if (i == seed || bounds[i] + BOUND_MARGIN < Math.max(bestSimilarity, minSimilarity)) {
					continue;
				}
				float dot = dot(query, data, i * dims, dims);
				computed++;
				// ties go to the lower slot, as in the full scan
				if ((dot > bestSimilarity || (dot == bestSimilarity && i < best))
						&& this.entries[i].expiresAt.isAfter(now)) {
					bestSimilarity = dot;
					best = i;
				}
			}
			comparisons.add(computed);
			return match(best, bestSimilarity, minSimilarity);
		}

		/**
		 * Full dot products only for the entries of the clusters nearest to the query;
		 * the best of those, ties to the lower slot as in the full scan.
		 */
		Optional<SemanticMatch> nearestApproximate(float[] query, double minSimilarity, Instant now, int probes,
				LongAdder comparisons) {
			ClusterRows rows = Objects.requireNonNull(this.clusterRows);
			boolean[] probed = Objects.requireNonNull(this.centroids).probe(query, probes);
			int dims = this.dimensions;
			int best = -1;
			double bestSimilarity = Double.NEGATIVE_INFINITY;
			long computed = 0;
			for (int cluster = 0; cluster < probed.length; cluster++) {
				if (!probed[cluster]) {
					continue;
				}
				float[] data = rows.rows(cluster);
				int[] slots = rows.slots(cluster);
				int size = rows.size(cluster);
				computed += size;
				for (int j = 0; j < size; j++) {
					float dot = dot(query, data, j * dims, dims);
					int slot = slots[j];
					// ties go to the lower slot, as in the full scan
					if ((dot > bestSimilarity || (dot == bestSimilarity && slot < best))
							&& this.entries[slot].expiresAt.isAfter(now)) {
						bestSimilarity = dot;
						best = slot;
					}
				}
			}
			comparisons.add(computed);
			return match(best, bestSimilarity, minSimilarity);
		}

	}

	private static float dot(float[] query, float[] data, int offset, int dims) {
		return VectorMath.dot(query, 0, data, offset, dims);
	}

}
