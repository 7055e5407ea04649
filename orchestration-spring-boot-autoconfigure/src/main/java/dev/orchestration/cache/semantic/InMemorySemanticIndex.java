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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
 */
public final class InMemorySemanticIndex implements SemanticIndex {

	private final int maxEntries;

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
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
		}
		this.maxEntries = maxEntries;
		this.clock = Objects.requireNonNull(clock, "clock");
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
			partition.add(entry, normalised);
			this.byExpiry.add(entry);
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
			}
			entry.slot = this.count;
			this.entries[this.count] = entry;
			System.arraycopy(vector, 0, this.vectors, this.count * this.dimensions, this.dimensions);
			this.count++;
			this.byId.put(entry.id, entry);
		}

		@Nullable Entry remove(String id) {
			Entry entry = this.byId.remove(id);
			if (entry == null) {
				return null;
			}
			int last = this.count - 1;
			int slot = entry.slot;
			if (slot != last) {
				Entry moved = this.entries[last];
				this.entries[slot] = moved;
				moved.slot = slot;
				System.arraycopy(this.vectors, last * this.dimensions, this.vectors, slot * this.dimensions,
						this.dimensions);
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
			if (best < 0 || bestSimilarity < minSimilarity) {
				return Optional.empty();
			}
			return Optional.of(new SemanticMatch(this.entries[best].id, Math.min(1.0, bestSimilarity)));
		}

	}

	/**
	 * Dot product with four independent accumulators (lets the JIT pipeline the
	 * multiply-adds).
	 */
	private static float dot(float[] query, float[] data, int offset, int dims) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int d = 0;
		for (; d + 3 < dims; d += 4) {
			s0 += query[d] * data[offset + d];
			s1 += query[d + 1] * data[offset + d + 1];
			s2 += query[d + 2] * data[offset + d + 2];
			s3 += query[d + 3] * data[offset + d + 3];
		}
		for (; d < dims; d++) {
			s0 += query[d] * data[offset + d];
		}
		return (s0 + s1) + (s2 + s3);
	}

}
