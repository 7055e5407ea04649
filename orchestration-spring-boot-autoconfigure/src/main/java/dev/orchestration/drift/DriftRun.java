package dev.orchestration.drift;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One run of a drift check.
 *
 * @param check the check's name
 * @param at when the run finished
 * @param score the mean case score (0..1)
 * @param baseline the baseline it was compared with
 * @param drifted whether the score fell more than the allowed drop below the baseline
 * @param failedCalls cases whose call failed (scored 0)
 * @param servedBy how many cases each tier answered
 * @param mostServedTier the tier that answered most cases, or {@code null} when none
 * answered
 */
public record DriftRun(String check, Instant at, double score, double baseline, boolean drifted, int failedCalls,
		Map<String, Integer> servedBy, @Nullable String mostServedTier) {

	public DriftRun {
		servedBy = Map.copyOf(servedBy);
	}

}
