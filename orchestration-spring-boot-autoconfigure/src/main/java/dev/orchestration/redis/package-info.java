/**
 * Bounded, degrading access to Redis shared by the Redis-backed caches and budgets.
 */
@NullMarked
package dev.orchestration.redis;

import org.jspecify.annotations.NullMarked;
