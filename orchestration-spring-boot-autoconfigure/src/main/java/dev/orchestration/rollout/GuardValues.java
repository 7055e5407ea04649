package dev.orchestration.rollout;

import org.jspecify.annotations.Nullable;

/**
 * A canary's guard values over its window.
 *
 * @param requests calls made
 * @param errorRate share of them that failed (0..1)
 * @param p95Millis p95 latency of the calls (bucketed: the upper bound of the bucket)
 * @param judgeScore mean cascade verifier score of its answers, or {@code null} when none
 * was judged
 * @param escalationRate share of its judged answers the cascade escalated, or
 * {@code null} when none was judged
 */
public record GuardValues(long requests, double errorRate, long p95Millis, @Nullable Double judgeScore,
		@Nullable Double escalationRate) {

	public static final GuardValues NONE = new GuardValues(0, 0, 0, null, null);

}
