package dev.orchestration.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * Stores cache entries by key, with a time to live. Keys start with the scope key and a
 * colon, so a scope can be cleared as a whole.
 */
public interface ResponseCacheStore {

	Optional<CacheEntry> get(String key);

	void put(String key, CacheEntry entry, Duration ttl);

	void remove(String key);

	/**
	 * Removes every entry of the scope; returns how many were removed (where the store
	 * can tell).
	 */
	long clearScope(String scopeKey);

	/** Entries currently held (where the store can tell cheaply; -1 otherwise). */
	long size();

	/** Entries evicted to respect the store's bounds. */
	long evictions();

}
