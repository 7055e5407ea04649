/**
 * A live dashboard page over the {@code llm-routes} endpoint's JSON, served as an
 * actuator web endpoint so the application's management security applies to it. Internal:
 * constructed by the auto-configuration, not supported for direct use, may change in any
 * release (docs/api.md).
 */
@NullMarked
package dev.orchestration.dashboard.internal;

import org.jspecify.annotations.NullMarked;
