/**
 * Internals of the statistics feature: constructed by its auto-configuration, not
 * supported for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.statistics.internal;

import org.jspecify.annotations.NullMarked;
