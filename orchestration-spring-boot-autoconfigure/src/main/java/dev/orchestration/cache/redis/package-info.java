/**
 * Caches shared by every instance through the application's
 * {@code RedisConnectionFactory}, on plain Redis (no modules needed), degrading to misses
 * when Redis is down or slow.
 */
@NullMarked
package dev.orchestration.cache.redis;

import org.jspecify.annotations.NullMarked;
