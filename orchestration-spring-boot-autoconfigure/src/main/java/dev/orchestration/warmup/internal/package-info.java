/**
 * Warm-up of member clients before the application reports itself ready. Internal:
 * constructed by the auto-configuration, not supported for direct use, may change in any
 * release (docs/api.md).
 */
@NullMarked
package dev.orchestration.warmup.internal;

import org.jspecify.annotations.NullMarked;
