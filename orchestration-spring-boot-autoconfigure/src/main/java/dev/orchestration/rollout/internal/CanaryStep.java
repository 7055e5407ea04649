package dev.orchestration.rollout.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One step of a canary ramp.
 *
 * @param basisPoints the canary's share of its tier's first attempts (100 = 1 %)
 * @param duration how long the step holds before the ramp may advance, or {@code null} to
 * hold until advanced by hand
 */
public record CanaryStep(int basisPoints, @Nullable Duration duration) {

}
