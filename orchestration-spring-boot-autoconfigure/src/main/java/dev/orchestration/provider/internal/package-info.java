/**
 * Internals of the provider feature: constructed by its auto-configuration, not supported
 * for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.provider.internal;

import org.jspecify.annotations.NullMarked;
