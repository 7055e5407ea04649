package dev.orchestration.receipt;

/**
 * What happened to one attempt to call a tier member.
 */
public enum AttemptOutcome {

	/** The member answered. */
	SUCCESS,

	/** The member was called and failed. */
	FAILED,

	/** The member's circuit breaker was open, so it was not called. */
	BREAKER_OPEN,

	/** The member was cooling down after a rate limit, so it was not called. */
	COOLING_DOWN,

	/** The member was marked unhealthy (authentication failed), so it was not called. */
	UNHEALTHY,

	/**
	 * The member's account could not serve (quota, credit, spend limit), so it was not
	 * called.
	 */
	UNAVAILABLE

}
