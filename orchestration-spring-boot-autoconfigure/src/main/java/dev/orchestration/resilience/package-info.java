/**
 * Resilience: classifying provider failures (OpenAI, Azure OpenAI, Anthropic; calls and
 * stream error events), cooling members down after rate limits, leaving them out after
 * auth or account trouble, and one circuit breaker per tier member.
 */
@NullMarked
package dev.orchestration.resilience;

import org.jspecify.annotations.NullMarked;
