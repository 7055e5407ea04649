package dev.orchestration.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.orchestration.cache.CacheEntry;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.redis.internal.RedisGuard;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cache entries in Redis, shared by every instance: one string key per entry under a
 * prefix, with Redis expiry as the TTL. Reads and writes go through a {@link RedisGuard}.
 */
public class RedisResponseCacheStore implements ResponseCacheStore {

	private final StringRedisTemplate redis;

	private final String prefix;

	private final RedisGuard guard;

	private final CacheEntryCodec codec = new CacheEntryCodec();

	public RedisResponseCacheStore(StringRedisTemplate redis, String prefix, RedisGuard guard) {
		this.redis = redis;
		this.prefix = prefix + "entry:";
		this.guard = guard;
	}

	@Override
	public Optional<CacheEntry> get(String key) {
		String json = this.guard.read(() -> this.redis.opsForValue().get(this.prefix + key), "");
		return Optional.ofNullable(json.isEmpty() ? null : this.codec.decode(json));
	}

	@Override
	public void put(String key, CacheEntry entry, Duration ttl) {
		String json = this.codec.encode(entry);
		this.guard.write(() -> this.redis.opsForValue().set(this.prefix + key, json, ttl));
	}

	@Override
	public void remove(String key) {
		this.guard.write(() -> this.redis.delete(this.prefix + key));
	}

	@Override
	public long clearScope(String scopeKey) {
		return this.guard.read(() -> deleteMatching(this.redis, this.prefix + scopeKey + ":*"), 0L);
	}

	@Override
	public long size() {
		return -1;
	}

	@Override
	public long evictions() {
		return 0;
	}

	static long deleteMatching(StringRedisTemplate redis, String pattern) {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(pattern).count(500).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys.isEmpty() ? 0 : redis.delete(keys);
	}

}
