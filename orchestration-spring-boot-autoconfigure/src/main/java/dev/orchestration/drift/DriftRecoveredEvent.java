package dev.orchestration.drift;

import org.jspecify.annotations.Nullable;

/**
 * Published when a drifted check passes again.
 *
 * @param run the run that passed
 * @param restoredTier the tier given back to the class policies, or {@code null}
 */
public record DriftRecoveredEvent(DriftRun run, @Nullable String restoredTier) {
}
