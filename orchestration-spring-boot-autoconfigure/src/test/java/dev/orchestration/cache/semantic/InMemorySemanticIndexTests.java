package dev.orchestration.cache.semantic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class InMemorySemanticIndexTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemorySemanticIndex index = new InMemorySemanticIndex(100, this.clock);

	@Test
	void findsTheNearestEntryOfTheScope() {
		this.index.add("tenant-a", "x", vector(1, 0, 0), later(60));
		this.index.add("tenant-a", "y", vector(0, 1, 0), later(60));
		assertThat(this.index.nearest("tenant-a", vector(0.9f, 0.1f, 0), 0.5)).hasValueSatisfying((match) -> {
			assertThat(match.entryId()).isEqualTo("x");
			assertThat(match.similarity()).isCloseTo(0.9f / Math.sqrt(0.82), within(1e-6));
		});
	}

	@Test
	void neverMatchesAcrossScopes() {
		this.index.add("tenant-a", "a-entry", vector(1, 0, 0), later(60));
		this.index.add("tenant-b", "b-entry", vector(0.8f, 0.6f, 0), later(60));
		assertThat(this.index.nearest("tenant-b", vector(1, 0, 0), 0.0)).get()
			.extracting(SemanticMatch::entryId)
			.isEqualTo("b-entry");
		assertThat(this.index.nearest("tenant-c", vector(1, 0, 0), -1.0)).isEmpty();
		this.index.clear("tenant-a");
		assertThat(this.index.nearest("tenant-a", vector(1, 0, 0), -1.0)).isEmpty();
		assertThat(this.index.nearest("tenant-b", vector(1, 0, 0), -1.0)).isPresent();
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(this.index.scopeCount()).isEqualTo(1);
	}

	@Test
	void thresholdIsInclusiveAndFiltersWeakMatches() {
		this.index.add("s", "e", vector(1, 0), later(60));
		// cos = 0.6 exactly
		assertThat(this.index.nearest("s", vector(0.6f, 0.8f), 0.6 - 1e-6)).isPresent();
		assertThat(this.index.nearest("s", vector(0.6f, 0.8f), 0.61)).isEmpty();
		assertThat(this.index.nearest("s", vector(1, 0), 1.0)).isPresent();
	}

	@Test
	void expiredEntriesNeverMatchAndArePurged() {
		this.index.add("s", "short", vector(1, 0), later(10));
		this.index.add("s", "long", vector(0.7f, 0.7f), later(100));
		assertThat(this.index.nearest("s", vector(1, 0), 0.0)).get()
			.extracting(SemanticMatch::entryId)
			.isEqualTo("short");
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.index.nearest("s", vector(1, 0), 0.0)).get()
			.extracting(SemanticMatch::entryId)
			.isEqualTo("long");
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(this.index.expirations()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(100));
		assertThat(this.index.nearest("s", vector(1, 0), -1.0)).isEmpty();
		assertThat(this.index.size()).isZero();
		assertThat(this.index.evictions()).isZero();
	}

	@Test
	void addingAnAlreadyExpiredEntryStoresNothing() {
		this.index.add("s", "e", vector(1, 0), later(60));
		this.index.add("s", "e", vector(1, 0), this.clock.instant());
		assertThat(this.index.size()).isZero();
	}

	@Test
	void staysWithinItsBoundByEvictingTheSoonestExpiring() {
		InMemorySemanticIndex small = new InMemorySemanticIndex(3, this.clock);
		small.add("a", "1", vector(1, 0, 0), later(50));
		small.add("b", "2", vector(0, 1, 0), later(10));
		small.add("a", "3", vector(0, 0, 1), later(30));
		small.add("b", "4", vector(1, 1, 0), later(40));
		assertThat(small.size()).isEqualTo(3);
		assertThat(small.evictions()).isEqualTo(1);
		assertThat(small.nearest("b", vector(0, 1, 0), 0.99)).isEmpty();
		small.add("c", "5", vector(1, 1, 1), later(60));
		assertThat(small.evictions()).isEqualTo(2);
		assertThat(small.nearest("a", vector(0, 0, 1), 0.99)).isEmpty();
		assertThat(small.nearest("a", vector(1, 0, 0), 0.99)).isPresent();
		for (int i = 0; i < 50; i++) {
			small.add("d", "n" + i, vector(i + 1, 1, 0), later(60 + i));
		}
		assertThat(small.size()).isEqualTo(3);
		assertThat(small.evictions()).isEqualTo(52);
	}

	@Test
	void withEqualTtlTheOldestIsEvicted() {
		InMemorySemanticIndex small = new InMemorySemanticIndex(2, this.clock);
		small.add("s", "old", vector(1, 0), later(60));
		small.add("s", "mid", vector(0, 1), later(60));
		small.add("s", "new", vector(1, 1), later(60));
		assertThat(small.nearest("s", vector(1, 0), 0.99)).isEmpty();
		assertThat(small.nearest("s", vector(0, 1), 0.99)).isPresent();
	}

	@Test
	void replacingAnIdKeepsOneEntry() {
		this.index.add("s", "e", vector(1, 0), later(60));
		this.index.add("s", "e", vector(0, 1), later(60));
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(this.index.nearest("s", vector(1, 0), 0.5)).isEmpty();
		assertThat(this.index.nearest("s", vector(0, 1), 0.99)).isPresent();
	}

	@Test
	void removeDeletesOnlyThatEntry() {
		this.index.add("s", "a", vector(1, 0), later(60));
		this.index.add("s", "b", vector(0, 1), later(60));
		this.index.add("t", "a", vector(1, 0), later(60));
		this.index.remove("s", "a");
		this.index.remove("s", "missing");
		assertThat(this.index.nearest("s", vector(1, 0), 0.9)).isEmpty();
		assertThat(this.index.nearest("t", vector(1, 0), 0.9)).isPresent();
		assertThat(this.index.size()).isEqualTo(2);
	}

	@Test
	void normalisesVectorsAndRejectsBadOnes() {
		this.index.add("s", "e", new float[] { 3, 4 }, later(60));
		assertThat(this.index.nearest("s", new float[] { 6, 8 }, 0.0)).get()
			.extracting(SemanticMatch::similarity)
			.satisfies((similarity) -> assertThat(similarity).isCloseTo(1.0, within(1e-6)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.index.add("s", "z", new float[] { 0, 0 }, later(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.index.add("s", "three", new float[] { 1, 2, 3 }, later(1)));
		assertThat(this.index.nearest("s", new float[] { 1, 2, 3 }, -1.0)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySemanticIndex(0));
	}

	@Test
	void staysConsistentUnderConcurrentWritesAndReads() throws Exception {
		InMemorySemanticIndex shared = new InMemorySemanticIndex(500);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						float[] v = randomVector(16);
						String scope = "scope-" + (i % 3);
						shared.add(scope, thread + "-" + i, v, Instant.now().plusSeconds(60));
						// the entry may already be evicted by the other threads: only
						// check what comes back
						shared.nearest(scope, v, 0.0)
							.ifPresent((match) -> assertThat(match.similarity()).isBetween(0.0, 1.0));
						if (i % 7 == 0) {
							shared.remove(scope, thread + "-" + (i - 1));
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(shared.size()).isLessThanOrEqualTo(500);
		assertThat(shared.evictions()).isPositive();
	}

	private Instant later(int seconds) {
		return this.clock.instant().plusSeconds(seconds);
	}

	private static float[] vector(float... values) {
		return values;
	}

	private static float[] randomVector(int dims) {
		float[] v = new float[dims];
		for (int i = 0; i < dims; i++) {
			v[i] = (float) ThreadLocalRandom.current().nextGaussian();
		}
		return v;
	}

}
