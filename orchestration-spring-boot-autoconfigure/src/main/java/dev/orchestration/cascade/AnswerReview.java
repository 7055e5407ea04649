package dev.orchestration.cascade;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * What the cascade does with the answer it chose: serve it as is, or hand it to human
 * review (the review feature's {@code ReviewHandOff}). Called once per cascaded request,
 * after the last step.
 */
public interface AnswerReview {

	/** Serves every answer as the cascade chose it. */
	AnswerReview NONE = new AnswerReview() {
	};

	/**
	 * Whether a request whose policy has no verifiers must still go through the cascade,
	 * so that its answer can be marked high-risk.
	 */
	default boolean appliesWithoutVerifiers(ChatClientRequest request, CascadePolicy policy) {
		return false;
	}

	/**
	 * The receipt of the chosen answer: unchanged, or with outcome {@code needs-review}
	 * and a {@link ReviewTicket} once the review request has been handed over.
	 */
	default CascadeReceipt conclude(ChatClientRequest request, CascadePolicy policy, ChatResponse answer,
			CascadeReceipt receipt) {
		return receipt;
	}

	/**
	 * Serves a concluded receipt: returns normally for the answer to be served, or throws
	 * (for example {@code ReviewRequiredException}) when the task withholds answers
	 * pending review.
	 */
	default void deliver(CascadePolicy policy, CascadeReceipt receipt) {
	}

}
