/**
 * Internals of the autoconfigure feature: constructed by its auto-configuration, not
 * supported for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
