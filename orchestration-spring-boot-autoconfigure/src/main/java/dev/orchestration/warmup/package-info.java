/**
 * Warm-up of member clients before the application reports itself ready.
 */
@NullMarked
package dev.orchestration.warmup;

import org.jspecify.annotations.NullMarked;
