package dev.orchestration.resilience;

/**
 * Whether a tier member may be called now.
 */
public enum MemberStatus {

	/** The member may be called (its circuit breaker still decides). */
	AVAILABLE,

	/** The member answered 429 and waits out its Retry-After. */
	COOLING_DOWN,

	/**
	 * The member failed authentication (or its model does not exist) and is left out for
	 * a while.
	 */
	UNHEALTHY,

	/**
	 * The member's provider account cannot pay for calls (no credit, quota or usage limit
	 * reached) and is left out for {@code llm.resilience.account-unavailable-duration},
	 * or until reset through {@code /actuator/llm-routes}.
	 */
	UNAVAILABLE

}
