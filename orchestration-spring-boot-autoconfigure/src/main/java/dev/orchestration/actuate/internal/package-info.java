/**
 * The {@code /actuator/llm-routes} endpoint, recent decisions and the routing health
 * contributor (the live statistics they show are in
 * {@code dev.orchestration.statistics}). Internal: constructed by the auto-configuration,
 * not supported for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.actuate.internal;

import org.jspecify.annotations.NullMarked;
