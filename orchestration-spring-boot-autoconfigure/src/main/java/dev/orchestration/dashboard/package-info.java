/**
 * A live dashboard page over the {@code llm-routes} endpoint's JSON, served as an
 * actuator web endpoint so the application's management security applies to it.
 */
@NullMarked
package dev.orchestration.dashboard;

import org.jspecify.annotations.NullMarked;
