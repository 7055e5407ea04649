/**
 * Internals of the members' breakers: constructed by the auto-configuration, not
 * supported for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.resilience.internal;

import org.jspecify.annotations.NullMarked;
