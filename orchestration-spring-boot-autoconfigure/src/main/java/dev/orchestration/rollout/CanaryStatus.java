package dev.orchestration.rollout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A canary as the endpoint and the gates see it.
 *
 * @param member the canary member id
 * @param tier its tier
 * @param state where the ramp is
 * @param sharePercent its share of the tier's first attempts now
 * @param step the index of the current step
 * @param nextSharePercent the share of the next step, or {@code null} at the last one
 * @param nextStepAt when the next step is due (if the guards hold), or {@code null}
 * @param guards its last guard values
 * @param rollbackReason why it was last rolled back, or {@code null}
 * @param rolledBackAt when, or {@code null}
 */
public record CanaryStatus(String member, String tier, CanaryState state, double sharePercent, int step,
		@Nullable Double nextSharePercent, @Nullable Instant nextStepAt, GuardValues guards,
		@Nullable String rollbackReason, @Nullable Instant rolledBackAt) {

}
