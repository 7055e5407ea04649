package dev.orchestration.drift;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a drift check knows between runs, as the health and the endpoint show it.
 *
 * @param check the check's name
 * @param tier the tier it evaluates, or {@code null} (class policy)
 * @param task the class, or {@code null}
 * @param baseline the baseline score, or {@code null} before the first run (when none is
 * configured)
 * @param lastScore the last run's score, or {@code null}
 * @param lastRunAt when the last run finished, or {@code null}
 * @param drifted whether the last completed run drifted
 * @param excludedTier the tier taken out of the class policies, or {@code null}
 * @param runs how many runs completed
 * @param lastError why the last run could not complete, or {@code null}
 */
public record DriftCheckState(String check, @Nullable String tier, @Nullable String task, @Nullable Double baseline,
		@Nullable Double lastScore, @Nullable Instant lastRunAt, boolean drifted, @Nullable String excludedTier,
		long runs, @Nullable String lastError) {

	/** {@code pending}, {@code ok}, {@code drifted} or {@code error}. */
	public String status() {
		if (this.drifted) {
			return "drifted";
		}
		if (this.lastError != null) {
			return "error";
		}
		return (this.lastScore == null) ? "pending" : "ok";
	}

}
