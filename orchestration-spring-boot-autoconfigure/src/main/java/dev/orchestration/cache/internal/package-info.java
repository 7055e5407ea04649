/**
 * Internals of the cache feature: constructed by its auto-configuration, not supported
 * for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.cache.internal;

import org.jspecify.annotations.NullMarked;
