package dev.orchestration.review;

import java.time.Instant;
import java.util.Map;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.ReviewTicket;
import org.jspecify.annotations.Nullable;

/**
 * An answer handed to human review.
 *
 * @param id the review id
 * @param createdAt when the answer was handed over
 * @param reason why it needs a review
 * @param cause what the cascade concluded before the hand-off ({@code end-of-path}, ...,
 * or {@code accepted})
 * @param task the request's task, or {@code null}
 * @param tenant the request's tenant, or {@code null}
 * @param tier the tier whose answer was kept (the best one)
 * @param member the member whose answer was kept
 * @param model the model whose answer was kept
 * @param scores the kept answer's verifier scores by verifier name (graded sub-scores as
 * {@code judge.relevance})
 * @param answer the kept answer's text
 * @param receipt the cascade receipt as the cascade concluded it, before the hand-off
 * (its outcome is the {@code cause}): every step with its verdicts and cost
 * @param prompt the last user message, only with {@code llm.review.include-prompt=true}
 */
public record ReviewRequest(String id, Instant createdAt, ReviewTicket.Reason reason, String cause,
		@Nullable String task, @Nullable String tenant, @Nullable String tier, @Nullable String member,
		@Nullable String model, Map<String, Double> scores, String answer, CascadeReceipt receipt,
		@Nullable String prompt) {

	public ReviewRequest {
		scores = Map.copyOf(scores);
	}

}
