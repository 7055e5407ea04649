package dev.orchestration.cache.semantic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.cache.semantic.internal.ProjectionBasis;
import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pruned search of {@link InMemorySemanticIndex} returns what a scan of every entry
 * returns: checked against an independent brute-force reference (double precision, over
 * the entries the test knows to be live) and against a full-scan twin fed the same
 * operations (same entry and the same similarity, bit for bit, ties included), with
 * scopes, expiry, eviction, replacement, removal and concurrent writes.
 */
class PrunedSearchTests {

	private static final int DIMS = 96;

	private static final int RANK = 16;

	private static final int MINIMUM = 200;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	/**
	 * Embedding-like vectors: a shared direction, a few latent factors and noise (so that
	 * the basis captures most of the energy and the bound prunes, as with real models),
	 * normalised.
	 */
	private static final class Vectors {

		private final Random random;

		private final float[][] factors;

		Vectors(long seed) {
			this.random = new Random(seed);
			this.factors = new float[9][DIMS];
			for (float[] factor : this.factors) {
				for (int d = 0; d < DIMS; d++) {
					factor[d] = (float) this.random.nextGaussian();
				}
			}
		}

		float[] next() {
			float[] v = new float[DIMS];
			for (int d = 0; d < DIMS; d++) {
				v[d] = 2.5f * this.factors[0][d] + (float) (0.15 * this.random.nextGaussian());
			}
			for (int k = 1; k < this.factors.length; k++) {
				float weight = (float) this.random.nextGaussian();
				for (int d = 0; d < DIMS; d++) {
					v[d] += weight * this.factors[k][d];
				}
			}
			return InMemorySemanticIndex.normalisedCopy(v);
		}

		/** A vector near {@code v} (a reworded question). */
		float[] near(float[] v, double noise) {
			float[] w = new float[DIMS];
			for (int d = 0; d < DIMS; d++) {
				w[d] = (float) (v[d] + noise * this.random.nextGaussian() / Math.sqrt(DIMS));
			}
			return InMemorySemanticIndex.normalisedCopy(w);
		}

	}

	private record Live(String scope, float[] vector, Instant expiresAt) {
	}

	@Test
	void sameBestMatchAsBruteForceWithScopesAndExpiry() {
		InMemorySemanticIndex index = new InMemorySemanticIndex(100_000, this.clock, MINIMUM, RANK);
		Vectors vectors = new Vectors(7);
		Random random = new Random(11);
		Map<String, Live> live = new LinkedHashMap<>();
		String[] scopes = { "tenant-a", "tenant-b", "tenant-a:conversation-1" };
		List<float[]> stored = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			String scope = scopes[(i % 7 == 0) ? 1 : (i % 5 == 0) ? 2 : 0];
			float[] v = (!stored.isEmpty() && random.nextInt(4) == 0)
					? vectors.near(stored.get(random.nextInt(stored.size())), 0.2) : vectors.next();
			stored.add(v);
			Instant expiresAt = this.clock.instant().plusSeconds(60 + random.nextInt(600));
			index.add(scope, scope + "/" + i, v, expiresAt);
			live.put(scope + "/" + i, new Live(scope, v, expiresAt));
		}
		assertThat(index.pruning()).isTrue();
		long before = index.exactComparisons();
		long scanned = 0;
		for (int round = 0; round < 4; round++) {
			for (int q = 0; q < 150; q++) {
				float[] query = (q % 2 == 0) ? vectors.near(stored.get(random.nextInt(stored.size())), 0.3)
						: vectors.next();
				double floor = new double[] { -1.0, 0.5, 0.9, 0.97 }[q % 4];
				for (String scope : scopes) {
					Optional<SemanticMatch> found = index.nearest(scope, query, floor);
					assertMatchesBruteForce(found, live, scope, query, floor);
					scanned += live.values().stream().filter((entry) -> entry.scope().equals(scope)).count();
				}
			}
			this.clock.advance(Duration.ofSeconds(150));
			live.values().removeIf((entry) -> !entry.expiresAt().isAfter(this.clock.instant()));
		}
		// the bound did prune: far fewer full dot products than a scan of every entry
		assertThat(index.exactComparisons() - before).isLessThan(scanned / 2);
	}

	private void assertMatchesBruteForce(Optional<SemanticMatch> found, Map<String, Live> live, String scope,
			float[] query, double floor) {
		double best = Double.NEGATIVE_INFINITY;
		Map<String, Double> similarity = new HashMap<>();
		for (Map.Entry<String, Live> entry : live.entrySet()) {
			Live candidate = entry.getValue();
			if (!candidate.scope().equals(scope) || !candidate.expiresAt().isAfter(this.clock.instant())) {
				continue;
			}
			double s = 0;
			for (int d = 0; d < DIMS; d++) {
				s += (double) query[d] * candidate.vector()[d];
			}
			similarity.put(entry.getKey(), s);
			best = Math.max(best, s);
		}
		if (best < floor - 1e-5) {
			assertThat(found).isEmpty();
			return;
		}
		if (best >= floor + 1e-5) {
			assertThat(found).isPresent();
		}
		if (found.isPresent()) {
			// never across scopes, never expired, and the best up to float rounding
			assertThat(similarity).containsKey(found.get().entryId());
			assertThat(similarity.get(found.get().entryId())).isCloseTo(best, within(1e-5));
			assertThat(found.get().similarity()).isCloseTo(Math.min(1.0, best), within(1e-5));
		}
	}

	@Test
	void sameAnswerAsTheFullScanUnderRandomOperationsWithEvictionAndTies() {
		InMemorySemanticIndex pruned = new InMemorySemanticIndex(700, this.clock, MINIMUM, RANK);
		InMemorySemanticIndex full = new InMemorySemanticIndex(700, this.clock, Integer.MAX_VALUE, RANK);
		Vectors vectors = new Vectors(3);
		Random random = new Random(5);
		List<float[]> stored = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		String[] scopes = { "a", "b" };
		int compared = 0;
		int hits = 0;
		for (int step = 0; step < 12_000; step++) {
			int op = random.nextInt(100);
			String scope = scopes[random.nextInt(100) < 85 ? 0 : 1];
			if (op < 55) {
				float[] v;
				int kind = random.nextInt(10);
				if (kind == 0 && !stored.isEmpty()) {
					// an exact duplicate under another id: a tie the scan resolves by
					// slot
					v = stored.get(random.nextInt(stored.size())).clone();
				}
				else if (kind < 4 && !stored.isEmpty()) {
					v = vectors.near(stored.get(random.nextInt(stored.size())), 0.25);
				}
				else {
					v = vectors.next();
				}
				// sometimes replace an existing id
				String id = (random.nextInt(8) == 0 && !ids.isEmpty()) ? ids.get(random.nextInt(ids.size()))
						: "e" + step;
				Instant expiresAt = this.clock.instant().plusSeconds(30 + random.nextInt(300));
				pruned.add(scope, id, v, expiresAt);
				full.add(scope, id, v, expiresAt);
				stored.add(v);
				ids.add(id);
			}
			else if (op < 60 && !ids.isEmpty()) {
				String id = ids.get(random.nextInt(ids.size()));
				pruned.remove(scope, id);
				full.remove(scope, id);
			}
			else if (op < 62) {
				this.clock.advance(Duration.ofSeconds(random.nextInt(6)));
			}
			else if (op == 62 && random.nextInt(20) == 0) {
				pruned.clear("b");
				full.clear("b");
			}
			else {
				float[] query = (!stored.isEmpty() && random.nextBoolean())
						? ((random.nextInt(5) == 0) ? stored.get(random.nextInt(stored.size()))
								: vectors.near(stored.get(random.nextInt(stored.size())), 0.3))
						: vectors.next();
				double floor = new double[] { -1.0, 0.0, 0.8, 0.95, 0.99 }[random.nextInt(5)];
				Optional<SemanticMatch> expected = full.nearest(scope, query, floor);
				assertThat(pruned.nearest(scope, query, floor)).as("step %d", step).isEqualTo(expected);
				compared++;
				if (expected.isPresent()) {
					hits++;
				}
			}
		}
		assertThat(pruned.pruning()).isTrue();
		assertThat(pruned.evictions()).isEqualTo(full.evictions()).isPositive();
		assertThat(pruned.size()).isEqualTo(full.size());
		assertThat(compared).isGreaterThan(3_000);
		assertThat(hits).isGreaterThan(compared / 2);
		assertThat(pruned.exactComparisons()).isLessThan(full.exactComparisons());
	}

	@Test
	void concurrentWritesNeverHideAnEntryAddedBeforeTheLookup() throws Exception {
		// starts empty: the basis is learnt while readers run
		InMemorySemanticIndex index = new InMemorySemanticIndex(1_000_000, Clock.systemUTC(), MINIMUM, RANK);
		Map<String, float[]> committed = new ConcurrentHashMap<>();
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		Instant expiresAt = Instant.now().plusSeconds(3_600);
		int writers = 2;
		int perWriter = 2_000;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger checked = new AtomicInteger();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				futures.add(pool.submit(() -> {
					Vectors vectors = new Vectors(100 + writer);
					start.await();
					for (int i = 0; i < perWriter; i++) {
						float[] v = vectors.next();
						String id = writer + "-" + i;
						index.add("shared", id, v, expiresAt);
						committed.put(id, v);
						order.add(id);
					}
					return null;
				}));
			}
			for (int r = 0; r < 2; r++) {
				int reader = r;
				futures.add(pool.submit(() -> {
					Vectors vectors = new Vectors(200 + reader);
					start.await();
					while (order.size() < writers * perWriter) {
						float[] query = vectors.next();
						// everything committed before the lookup starts must be seen
						List<String> before;
						synchronized (order) {
							before = new ArrayList<>(order);
						}
						double best = Double.NEGATIVE_INFINITY;
						for (String id : before) {
							best = Math.max(best, dot(query, committed.get(id)));
						}
						Optional<SemanticMatch> found = index.nearest("shared", query, -1.0);
						if (before.isEmpty()) {
							continue;
						}
						assertThat(found).isPresent();
						float[] matched = committed.get(found.get().entryId());
						if (matched != null) {
							assertThat(found.get().similarity()).isCloseTo(dot(query, matched), within(1e-5));
						}
						assertThat(found.get().similarity()).isGreaterThanOrEqualTo(best - 1e-5);
						assertThat(index.nearest("other", query, -1.0)).isEmpty();
						checked.incrementAndGet();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(index.pruning()).isTrue();
		assertThat(index.size()).isEqualTo(writers * perWriter);
		assertThat(checked.get()).isPositive();
	}

	@Test
	void smallScopesAndShortVectorsAreScannedWhole() {
		InMemorySemanticIndex index = new InMemorySemanticIndex(10_000, this.clock, MINIMUM, RANK);
		Vectors vectors = new Vectors(1);
		for (int i = 0; i < MINIMUM - 1; i++) {
			index.add("s", "e" + i, vectors.next(), this.clock.instant().plusSeconds(60));
		}
		assertThat(index.pruning()).isFalse();
		long before = index.exactComparisons();
		index.nearest("s", vectors.next(), -1.0);
		assertThat(index.exactComparisons() - before).isEqualTo(MINIMUM - 1);
		// vectors of at most twice the rank never get a basis
		InMemorySemanticIndex narrow = new InMemorySemanticIndex(10_000, this.clock, 10, 16);
		Random random = new Random(2);
		for (int i = 0; i < 100; i++) {
			float[] v = new float[32];
			for (int d = 0; d < 32; d++) {
				v[d] = (float) random.nextGaussian();
			}
			narrow.add("s", "e" + i, v, this.clock.instant().plusSeconds(60));
		}
		assertThat(narrow.pruning()).isFalse();
	}

	@Test
	void theBoundHoldsForEveryEntry() {
		Vectors vectors = new Vectors(9);
		int count = 500;
		float[] sample = new float[count * DIMS];
		List<float[]> all = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			float[] v = vectors.next();
			all.add(v);
			System.arraycopy(v, 0, sample, i * DIMS, DIMS);
		}
		ProjectionBasis basis = ProjectionBasis.train(sample, count, DIMS, RANK);
		assertThat(basis).isNotNull();
		Random random = new Random(4);
		double captured = 0;
		for (int q = 0; q < 200; q++) {
			float[] query = (q % 2 == 0) ? vectors.next() : randomUnit(random);
			float[] pq = new float[RANK];
			float tq = basis.project(query, pq, 0);
			for (float[] x : all) {
				float[] px = new float[RANK];
				float tx = basis.project(x, px, 0);
				double partial = 0;
				for (int k = 0; k < RANK; k++) {
					partial += (double) pq[k] * px[k];
				}
				assertThat(partial + (double) tq * tx).isGreaterThanOrEqualTo(dot(query, x) - 1e-6);
			}
			if (q % 2 == 0) {
				captured += 1 - (double) tq * tq;
			}
		}
		// the basis learnt the structure: most of an embedding-like vector lies in it
		assertThat(captured / 100).isGreaterThan(0.7);
	}

	private static float[] randomUnit(Random random) {
		float[] v = new float[DIMS];
		for (int d = 0; d < DIMS; d++) {
			v[d] = (float) random.nextGaussian();
		}
		return InMemorySemanticIndex.normalisedCopy(v);
	}

	private static double dot(float[] a, float[] b) {
		double s = 0;
		for (int d = 0; d < a.length; d++) {
			s += (double) a[d] * b[d];
		}
		return s;
	}

}
