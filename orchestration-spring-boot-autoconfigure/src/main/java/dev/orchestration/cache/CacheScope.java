package dev.orchestration.cache;

/**
 * Where a cache entry may be served: a hash of everything that must be identical between
 * the request that wrote the entry and the request that reads it (tenant, system prompt,
 * earlier messages, tools, response format).
 *
 * @param key the scope hash (hex)
 * @param tenant the tenant the scope belongs to ("" when none), for per-tenant clearing
 * and statistics
 */
public record CacheScope(String key, String tenant) {
}
