package dev.orchestration.review;

import dev.orchestration.cascade.CascadeReceipt;

/**
 * Thrown to the caller instead of the answer when its task withholds answers pending
 * human review ({@code delivery: exception}). Catch it to tell the user the answer comes
 * later; resolve the review at {@code /actuator/llm-reviews/{id}}.
 */
public class ReviewRequiredException extends RuntimeException {

	private final String reviewId;

	private final transient CascadeReceipt receipt;

	public ReviewRequiredException(String reviewId, CascadeReceipt receipt) {
		super("The answer needs human review (review " + reviewId + ", " + ((receipt.review() != null)
				? receipt.review().reason().id() + ", " + receipt.review().cause() : "needs-review") + ")");
		this.reviewId = reviewId;
		this.receipt = receipt;
	}

	public String getReviewId() {
		return this.reviewId;
	}

	/**
	 * The cascade receipt: every step with its verdicts and cost, and the review flag.
	 */
	public CascadeReceipt getReceipt() {
		return this.receipt;
	}

}
