package dev.orchestration.receipt;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to call a tier member while serving a request.
 *
 * @param tier the tier of the member
 * @param member the member id
 * @param model the model name sent to the provider
 * @param outcome what happened
 * @param failure the failure kind when the call failed (for example {@code TRANSIENT},
 * {@code RATE_LIMITED})
 * @param errorClass the simple class name of the error, when the call failed
 * @param latencyMillis time spent on the call
 * @param promptTokens prompt tokens the provider reported (0 when unknown)
 * @param completionTokens completion tokens the provider reported (0 when unknown)
 * @param cost cost of the call in USD
 * @param clientMaxRetries how many times the member's SDK client may have retried inside
 * this one attempt (its configured {@code max-retries}; the SDKs do not report how many
 * retries they made, so this is an upper bound): 0 when its retries are off, as the
 * router wants them, or when the client is not one whose retries are known
 */
public record Attempt(String tier, String member, @Nullable String model, AttemptOutcome outcome,
		@Nullable String failure, @Nullable String errorClass, long latencyMillis, long promptTokens,
		long completionTokens, double cost, int clientMaxRetries) {

	/** An attempt by a client that does not retry on its own. */
	public Attempt(String tier, String member, @Nullable String model, AttemptOutcome outcome, @Nullable String failure,
			@Nullable String errorClass, long latencyMillis, long promptTokens, long completionTokens, double cost) {
		this(tier, member, model, outcome, failure, errorClass, latencyMillis, promptTokens, completionTokens, cost, 0);
	}

	/** An attempt that never reached the provider. */
	public static Attempt skipped(String tier, String member, @Nullable String model, AttemptOutcome outcome) {
		return new Attempt(tier, member, model, outcome, null, null, 0, 0, 0, 0, 0);
	}

}
