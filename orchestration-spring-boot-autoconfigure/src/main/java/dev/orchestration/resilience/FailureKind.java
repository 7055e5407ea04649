package dev.orchestration.resilience;

/**
 * How the router reacts to a failed call.
 */
public enum FailureKind {

	/**
	 * 5xx, timeouts, I/O errors: try the next member; counts against the member's circuit
	 * breaker.
	 */
	TRANSIENT,

	/** 429: cool the member down for its Retry-After and try the next member. */
	RATE_LIMITED,

	/**
	 * The prompt does not fit the model's context window: go to the long-context tier.
	 */
	CONTEXT_LENGTH,

	/** The provider refused the content: go to the content-policy fallback tier. */
	CONTENT_POLICY,

	/**
	 * 401/403 (or 404, an unknown model or deployment): mark the member unhealthy and try
	 * the next member.
	 */
	AUTH,

	/**
	 * The provider's account cannot pay for calls (HTTP 402, OpenAI
	 * {@code insufficient_quota}, Anthropic "credit balance is too low" or "reached your
	 * specified API usage limits", spend limits): leave the member out for
	 * {@code llm.resilience.account-unavailable-duration} and try the next member.
	 * Retrying in seconds would not help.
	 */
	ACCOUNT,

	/**
	 * The request itself is wrong (other 4xx): no other member would answer it, fail at
	 * once.
	 */
	FATAL

}
