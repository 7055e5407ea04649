package dev.orchestration.drift;

import org.jspecify.annotations.Nullable;

/**
 * Published when a drift check's score falls more than its allowed drop below the
 * baseline (once per episode).
 *
 * @param run the run that drifted
 * @param excludedTier the tier taken out of the class policies, or {@code null} when
 * removal is off
 */
public record DriftDetectedEvent(DriftRun run, @Nullable String excludedTier) {
}
