package dev.orchestration.review;

/**
 * What the caller gets when its answer goes to human review.
 */
public enum ReviewDelivery {

	/**
	 * The best answer, flagged in the cascade receipt ({@code CascadeReceipt.review()}).
	 */
	FLAG,

	/**
	 * A {@link ReviewRequiredException} carrying the review id and the receipt; the
	 * answer is withheld.
	 */
	EXCEPTION

}
