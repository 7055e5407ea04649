package dev.orchestration.cascade;

/**
 * A change to a request before it is asked again of the same tier, after a verifier
 * rejected the answer.
 */
public enum Adjustment {

	/** Lower the temperature to the retry's temperature (default 0). */
	LOWER_TEMPERATURE,

	/**
	 * Raise max tokens by the retry's factor (default 2): from the request's max tokens,
	 * else the truncated answer's completion tokens. Meant for the {@code not-truncated}
	 * verifier.
	 */
	LARGER_MAX_TOKENS,

	/**
	 * Append the verifier's reason to the last user message, as Spring AI's
	 * {@code StructuredOutputValidationAdvisor} does with schema errors.
	 */
	APPEND_VALIDATION_ERROR,

	/**
	 * Add the retry's system hint as a system message (a stricter instruction about the
	 * expected format).
	 */
	STRICTER_SYSTEM_HINT

}
