/**
 * Bounded, degrading access to Redis shared by the Redis-backed caches and budgets.
 * Internal: constructed by the auto-configuration, not supported for direct use, may
 * change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.redis.internal;

import org.jspecify.annotations.NullMarked;
