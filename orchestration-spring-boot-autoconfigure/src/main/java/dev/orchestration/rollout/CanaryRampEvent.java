package dev.orchestration.rollout;

import java.time.Instant;

/**
 * Published as a Spring application event when a canary ramp changes: a step up, a
 * roll-back, completion, pause or resume.
 *
 * @param kind what happened
 * @param status the canary after the change
 * @param reason why (for a roll-back, the broken guard or who rolled it back)
 * @param at when
 */
public record CanaryRampEvent(Kind kind, CanaryStatus status, String reason, Instant at) {

	/** What happened to the ramp. */
	public enum Kind {

		ADVANCED, ROLLED_BACK, COMPLETED, PAUSED, RESUMED

	}

}
