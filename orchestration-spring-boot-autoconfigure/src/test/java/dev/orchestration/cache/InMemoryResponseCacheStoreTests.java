package dev.orchestration.cache;

import java.time.Duration;
import java.time.Instant;

import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store stays within its bounds, never returns an expired entry, and sweeps
 * expired entries at most once a second rather than on every put of a full store.
 */
class InMemoryResponseCacheStoreTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(this.clock, 3, 1_000_000);

	@Test
	void aFullStoreSweepsExpiredEntriesBeforeEvictingLiveOnes() {
		put("a", Duration.ofSeconds(10));
		put("b", Duration.ofSeconds(10));
		put("c", Duration.ofSeconds(10));
		this.clock.advance(Duration.ofSeconds(20));
		put("d", Duration.ofMinutes(10));
		assertThat(this.store.size()).isOne();
		assertThat(this.store.evictions()).isZero();
		assertThat(this.store.get("d")).isPresent();
	}

	@Test
	void betweenSweepsTheLeastRecentlyUsedEntryMakesRoomAndTheBoundHolds() {
		put("a", Duration.ofMinutes(10));
		put("b", Duration.ofMinutes(10));
		put("c", Duration.ofMinutes(10));
		put("d", Duration.ofMinutes(10));
		assertThat(this.store.get("b")).isPresent();
		put("e", Duration.ofMinutes(10));
		assertThat(this.store.size()).isEqualTo(3);
		assertThat(this.store.evictions()).isEqualTo(2);
		assertThat(this.store.get("a")).isEmpty();
		assertThat(this.store.get("c")).as("least recently used").isEmpty();
		assertThat(this.store.get("b")).isPresent();
	}

	@Test
	void anExpiredEntryIsNeverReturnedEvenBeforeASweep() {
		put("a", Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.store.get("a")).isEmpty();
		assertThat(this.store.size()).isZero();
	}

	private void put(String key, Duration ttl) {
		this.store.put(key,
				new CacheEntry(key, "answer " + key, "STOP", "m", "id-" + key, 1, 1, null, this.clock.instant()), ttl);
	}

}
