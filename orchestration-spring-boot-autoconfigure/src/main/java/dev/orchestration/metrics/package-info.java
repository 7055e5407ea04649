/**
 * Micrometer meters for routing decisions, complementing Spring AI's {@code gen_ai.*}
 * meters.
 */
@NullMarked
package dev.orchestration.metrics;

import org.jspecify.annotations.NullMarked;
