package dev.orchestration.cache.semantic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The approximate search of {@link InMemorySemanticIndex} (an inverted file of 128
 * clusters): it agrees with the full scan on near-duplicate questions, scans a fraction
 * of the entries, never reports a similarity other than the returned entry's own (so a
 * cache can only miss more, not serve below its threshold), keeps scopes apart, follows
 * removals and later additions, and leaves small scopes to the exact search.
 */
class ApproximateSearchTests {

	private static final int DIMS = 64;

	private static final int ENTRIES = 6000;

	private final Instant expiresAt = Instant.now().plusSeconds(3600);

	/** Vectors around 40 topics, as questions of an application group by subject. */
	private static final class Topics {

		private final Random random;

		private final float[][] centres;

		Topics(long seed) {
			this.random = new Random(seed);
			this.centres = new float[40][DIMS];
			for (float[] centre : this.centres) {
				for (int d = 0; d < DIMS; d++) {
					centre[d] = (float) this.random.nextGaussian();
				}
			}
		}

		float[] next() {
			float[] centre = this.centres[this.random.nextInt(this.centres.length)];
			return near(centre, 0.8);
		}

		/** {@code v} plus Gaussian noise of {@code noise} times its norm. */
		float[] near(float[] v, double noise) {
			float[] w = new float[DIMS];
			double norm = 0;
			for (float value : v) {
				norm += value * value;
			}
			double scale = Math.sqrt(norm) * noise / Math.sqrt(DIMS);
			for (int d = 0; d < DIMS; d++) {
				w[d] = (float) (v[d] + scale * this.random.nextGaussian());
			}
			return InMemorySemanticIndex.normalisedCopy(w);
		}

	}

	private final Map<String, float[]> stored = new HashMap<>();

	private InMemorySemanticIndex filled(InMemorySemanticIndex index, Topics topics, InMemorySemanticIndex twin) {
		for (int i = 0; i < ENTRIES; i++) {
			float[] v = topics.next();
			this.stored.put("e" + i, v);
			index.add("s", "e" + i, v, this.expiresAt);
			twin.add("s", "e" + i, v, this.expiresAt);
		}
		return index;
	}

	@Test
	void agreesWithTheFullScanOnRewordedQuestionsAndScansAFraction() {
		Topics topics = new Topics(7);
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(100_000);
		InMemorySemanticIndex approximate = filled(InMemorySemanticIndex.approximate(100_000, 8), topics, full);
		assertThat(approximate.clustered()).isTrue();
		Random pick = new Random(3);
		int same = 0;
		int lookups = 500;
		long before = approximate.exactComparisons();
		for (int i = 0; i < lookups; i++) {
			float[] query = topics.near(this.stored.get("e" + pick.nextInt(ENTRIES)), 0.15);
			Optional<SemanticMatch> exact = full.nearest("s", query, 0.5);
			Optional<SemanticMatch> found = approximate.nearest("s", query, 0.5);
			assertThat(exact).isPresent();
			if (found.equals(exact)) {
				same++;
			}
			found.ifPresent((match) -> {
				// the entry's own similarity, never more than the best there is
				assertThat(match.similarity()).isCloseTo(dot(query, this.stored.get(match.entryId())), within(1e-5));
				assertThat(match.similarity()).isLessThanOrEqualTo(exact.get().similarity());
			});
		}
		double scanned = (approximate.exactComparisons() - before) / (double) lookups;
		assertThat(same).isGreaterThanOrEqualTo(lookups * 98 / 100);
		assertThat(scanned).isLessThan(ENTRIES * 0.25);
	}

	@Test
	void aFloorAboveTheBestClusterMatchIsAMiss() {
		Topics topics = new Topics(11);
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(100_000);
		InMemorySemanticIndex approximate = filled(InMemorySemanticIndex.approximate(100_000, 4), topics, full);
		float[] query = topics.next();
		Optional<SemanticMatch> found = approximate.nearest("s", query, 0.0);
		assertThat(found).isPresent();
		assertThat(approximate.nearest("s", query, found.get().similarity() + 1e-4)).isEmpty();
	}

	@Test
	void followsRemovalsAndLaterAdditionsAndKeepsScopesApart() {
		Topics topics = new Topics(5);
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(100_000);
		InMemorySemanticIndex approximate = filled(InMemorySemanticIndex.approximate(100_000, 8), topics, full);
		// 5,000 entries stay: still searched approximately
		for (int i = 0; i < ENTRIES; i += 6) {
			approximate.remove("s", "e" + i);
		}
		for (int i = 0; i < ENTRIES; i += 6) {
			// a removed entry's exact vector finds something else, never the entry
			assertThat(approximate.nearest("s", this.stored.get("e" + i), 0.0)).get()
				.extracting(SemanticMatch::entryId)
				.isNotEqualTo("e" + i);
		}
		for (int i = 1; i < ENTRIES; i += 7) {
			if (i % 6 == 0) {
				continue;
			}
			// entries that moved slots on removal keep their cluster: found by their
			// vector
			assertThat(approximate.nearest("s", this.stored.get("e" + i), 0.999)).get()
				.extracting(SemanticMatch::entryId)
				.isEqualTo("e" + i);
		}
		float[] late = topics.next();
		approximate.add("s", "late", late, this.expiresAt);
		assertThat(approximate.nearest("s", late, 0.999)).get().extracting(SemanticMatch::entryId).isEqualTo("late");
		assertThat(approximate.nearest("other", late, 0.0)).isEmpty();
		approximate.add("other", "o", late, this.expiresAt);
		assertThat(approximate.nearest("other", late, 0.0)).get().extracting(SemanticMatch::entryId).isEqualTo("o");
	}

	/**
	 * Probing all 128 clusters must give the full scan's answer exactly, ties included,
	 * so whatever the clusters keep of their rows (added, replaced, removed, moved to
	 * another slot when an entry before them is removed, evicted, expired and skipped
	 * before it is purged) must stay in step with the scope: 20,000 random operations on
	 * a scope kept above the approximate search's minimum (another, small scope is
	 * cleared now and then), then the scope shrunk below the minimum (exact search) and
	 * grown past it again.
	 */
	@Test
	void probingEveryClusterAnswersAsTheFullScanUnderRandomOperations() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		int capacity = 5000;
		InMemorySemanticIndex approximate = new InMemorySemanticIndex(capacity, clock,
				InMemorySemanticIndex.DEFAULT_PRUNED_SCAN_MINIMUM, InMemorySemanticIndex.DEFAULT_RANK,
				InMemorySemanticIndex.CLUSTERS);
		InMemorySemanticIndex full = new InMemorySemanticIndex(capacity, clock, Integer.MAX_VALUE,
				InMemorySemanticIndex.DEFAULT_RANK);
		Topics topics = new Topics(11);
		Random random = new Random(13);
		List<float[]> vectors = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < capacity - 200; i++) {
			float[] v = topics.next();
			approximate.add("s", "e" + i, v, clock.instant().plusSeconds(100_000));
			full.add("s", "e" + i, v, clock.instant().plusSeconds(100_000));
			vectors.add(v);
			ids.add("e" + i);
		}
		assertThat(approximate.clustered()).isTrue();
		int compared = 0;
		for (int step = 0; step < 20_000; step++) {
			int op = random.nextInt(100);
			String scope = (random.nextInt(100) < 90) ? "s" : "t";
			if (op < 40) {
				float[] v = (random.nextInt(8) == 0) ? vectors.get(random.nextInt(vectors.size())).clone()
						: topics.next();
				String id = (random.nextInt(6) == 0) ? ids.get(random.nextInt(ids.size())) : "n" + step;
				Instant expiresAt = clock.instant().plusSeconds(20 + random.nextInt(2_000));
				approximate.add(scope, id, v, expiresAt);
				full.add(scope, id, v, expiresAt);
				vectors.add(v);
				ids.add(id);
			}
			else if (op < 50) {
				String id = ids.get(random.nextInt(ids.size()));
				approximate.remove(scope, id);
				full.remove(scope, id);
			}
			else if (op < 52) {
				// entries written here live 20 to 2,020 s: jumps of up to a minute let
				// thousands expire, some looked up before the next write purges them
				clock.advance(Duration.ofSeconds(random.nextInt(60)));
			}
			else if (op == 52 && random.nextInt(10) == 0) {
				approximate.clear("t");
				full.clear("t");
			}
			else {
				float[] query = random.nextBoolean() ? vectors.get(random.nextInt(vectors.size()))
						: topics.near(vectors.get(random.nextInt(vectors.size())), 0.2);
				double floor = new double[] { -1.0, 0.5, 0.9, 0.99 }[random.nextInt(4)];
				assertThat(approximate.nearest(scope, query, floor)).as("step %d", step)
					.isEqualTo(full.nearest(scope, query, floor));
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(8_000);
		assertThat(approximate.evictions()).isEqualTo(full.evictions()).isPositive();
		assertThat(approximate.expirations()).isEqualTo(full.expirations()).isGreaterThan(1_000);
		assertThat(approximate.size()).isEqualTo(full.size());
		// shrink "s" below the minimum, then grow it past it again
		for (int i = 0; i < capacity - 200; i++) {
			approximate.remove("s", "e" + i);
			full.remove("s", "e" + i);
		}
		for (int i = 0; i < 5_000; i++) {
			if (i % 10 == 0) {
				float[] query = topics.near(vectors.get(random.nextInt(vectors.size())), 0.2);
				assertThat(approximate.nearest("s", query, 0.5)).as("regrowth %d", i)
					.isEqualTo(full.nearest("s", query, 0.5));
			}
			float[] v = topics.next();
			approximate.add("s", "r" + i, v, clock.instant().plusSeconds(100_000));
			full.add("s", "r" + i, v, clock.instant().plusSeconds(100_000));
			vectors.add(v);
		}
	}

	@Test
	void smallScopesAreSearchedExactly() {
		Topics topics = new Topics(9);
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(100_000);
		InMemorySemanticIndex approximate = InMemorySemanticIndex.approximate(100_000, 1);
		for (int i = 0; i < 3000; i++) {
			float[] v = topics.next();
			full.add("s", "e" + i, v, this.expiresAt);
			approximate.add("s", "e" + i, v, this.expiresAt);
		}
		assertThat(approximate.clustered()).isFalse();
		for (int i = 0; i < 200; i++) {
			float[] query = topics.next();
			assertThat(approximate.nearest("s", query, 0.0)).isEqualTo(full.nearest("s", query, 0.0));
		}
	}

	@Test
	void probesOutsideTheClusterCountAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> InMemorySemanticIndex.approximate(10, 0))
			.withMessageContaining("probes");
		assertThatIllegalArgumentException().isThrownBy(() -> InMemorySemanticIndex.approximate(10, 129))
			.withMessageContaining("probes");
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int d = 0; d < a.length; d++) {
			sum += (double) a[d] * b[d];
		}
		return sum;
	}

}
