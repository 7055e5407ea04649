package dev.orchestration.routing;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.resilience.FailureClassification;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * The result of calling one member: the response, or the error and how it was classified;
 * and the attempt to record either way.
 *
 * @param member the member that was called
 * @param attempt the attempt for the receipt
 * @param response the response, when the member answered
 * @param error the error, when it failed
 * @param failure the classification of the error, or {@code null} when it answered or its
 * breaker was open
 */
record MemberCall(TierMember member, Attempt attempt, @Nullable ChatResponse response, @Nullable Throwable error,
		@Nullable FailureClassification failure) {

	boolean answered() {
		return this.response != null;
	}

}
