/**
 * Resilience: classifying provider failures, cooling members down after rate limits, and one circuit breaker per tier member.
 */
@NullMarked
package dev.orchestration.resilience;

import org.jspecify.annotations.NullMarked;
