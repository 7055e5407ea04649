package dev.orchestration.test.eval;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one case under one policy.
 *
 * @param id the case id
 * @param task the case's task, or {@code null}
 * @param tier the tier that served, or {@code null} (error, no receipt)
 * @param model the model that served, or {@code null}
 * @param passed the grade
 * @param score the judge score, or {@code null}
 * @param cost USD: the cascade receipt's cost if present, else the routing receipt's
 * @param latencyMillis wall time of the call
 * @param escalated whether a cascade took more than one step
 * @param error the error message when the call failed (the case then fails)
 * @param detail the grader's explanation
 */
public record CaseResult(String id, @Nullable String task, @Nullable String tier, @Nullable String model,
		boolean passed, @Nullable Double score, double cost, double latencyMillis, boolean escalated,
		@Nullable String error, String detail) {

	/** A minimal result, for tests and hand-made reports. */
	public static CaseResult of(String id, @Nullable String task, @Nullable String tier, boolean passed, double cost,
			double latencyMillis) {
		return new CaseResult(id, task, tier, null, passed, null, cost, latencyMillis, false, null, "");
	}

}
