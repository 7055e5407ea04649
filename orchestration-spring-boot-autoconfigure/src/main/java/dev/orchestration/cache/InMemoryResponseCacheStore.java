package dev.orchestration.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded store: least-recently-used entries are evicted beyond a maximum number of
 * entries or bytes, and expired entries are never returned.
 */
public class InMemoryResponseCacheStore implements ResponseCacheStore {

	private final Clock clock;

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

	private final int maxEntries;

	private final long maxBytes;

	private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(16, 0.75f, true);

	private final AtomicLong evictions = new AtomicLong();

	private long bytes;

	private Instant nextSweep = Instant.MIN;

	public InMemoryResponseCacheStore(Clock clock, int maxEntries, long maxBytes) {
		this.clock = clock;
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	@Override
	public synchronized Optional<CacheEntry> get(String key) {
		Stored stored = this.entries.get(key);
		if (stored == null) {
			return Optional.empty();
		}
		if (!stored.expiresAt.isAfter(this.clock.instant())) {
			remove(key);
			return Optional.empty();
		}
		return Optional.of(stored.entry);
	}

	@Override
	public synchronized void put(String key, CacheEntry entry, Duration ttl) {
		remove(key);
		long size = entry.estimatedBytes();
		if (size > this.maxBytes) {
			return;
		}
		this.entries.put(key, new Stored(entry, this.clock.instant().plus(ttl), size));
		this.bytes += size;
		evictBeyondBounds();
	}

	@Override
	public synchronized void remove(String key) {
		Stored removed = this.entries.remove(key);
		if (removed != null) {
			this.bytes -= removed.bytes;
		}
	}

	@Override
	public synchronized long clearScope(String scopeKey) {
		long removed = 0;
		Iterator<Map.Entry<String, Stored>> iterator = this.entries.entrySet().iterator();
		while (iterator.hasNext()) {
			Map.Entry<String, Stored> next = iterator.next();
			if (next.getKey().startsWith(scopeKey + ":")) {
				this.bytes -= next.getValue().bytes;
				iterator.remove();
				removed++;
			}
		}
		return removed;
	}

	@Override
	public synchronized long size() {
		return this.entries.size();
	}

	@Override
	public long evictions() {
		return this.evictions.get();
	}

	/** Bytes held (estimated). */
	public synchronized long bytes() {
		return this.bytes;
	}

	private void evictBeyondBounds() {
		if (!overBounds()) {
			return;
		}
		Instant now = this.clock.instant();
		// a full sweep for expired entries costs a scan of the store: at most once a
		// second, not on every put of a
		// full store (expired entries are never returned anyway; between sweeps the least
		// recently used go first)
		if (!now.isBefore(this.nextSweep)) {
			this.nextSweep = now.plus(SWEEP_INTERVAL);
			this.entries.values().removeIf((stored) -> {
				boolean expired = !stored.expiresAt.isAfter(now);
				if (expired) {
					this.bytes -= stored.bytes;
				}
				return expired;
			});
		}
		Iterator<Stored> eldest = this.entries.values().iterator();
		while (overBounds() && eldest.hasNext()) {
			this.bytes -= eldest.next().bytes;
			eldest.remove();
			this.evictions.incrementAndGet();
		}
	}

	private boolean overBounds() {
		return this.entries.size() > this.maxEntries || this.bytes > this.maxBytes;
	}

	private record Stored(CacheEntry entry, Instant expiresAt, long bytes) {
	}

}
