/**
 * The {@code /actuator/llm-routes} endpoint, live statistics and the routing health contributor.
 */
@NullMarked
package dev.orchestration.actuate;

import org.jspecify.annotations.NullMarked;
