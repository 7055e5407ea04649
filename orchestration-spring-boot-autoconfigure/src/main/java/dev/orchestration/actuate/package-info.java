/**
 * The {@code /actuator/llm-routes} endpoint, recent decisions and the routing health
 * contributor (the live statistics they show are in
 * {@code dev.orchestration.statistics}).
 */
@NullMarked
package dev.orchestration.actuate;

import org.jspecify.annotations.NullMarked;
