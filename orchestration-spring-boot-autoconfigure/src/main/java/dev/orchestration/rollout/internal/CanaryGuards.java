package dev.orchestration.rollout.internal;

import java.time.Duration;

import dev.orchestration.rollout.GuardValues;
import org.jspecify.annotations.Nullable;

/**
 * What a canary must keep to advance, measured over a sliding window; breaking one rolls
 * it back to 0 %. A {@code null} limit is not checked.
 *
 * @param window how far back the guard values reach
 * @param minRequests calls a window needs before a guard is judged (fewer: the ramp
 * neither advances nor rolls back)
 * @param maxErrorRate the highest share of failed calls (0..1)
 * @param maxP95Latency the highest p95 latency of calls
 * @param minJudgeScore the lowest mean cascade verifier score (0..1) of the canary's
 * answers
 * @param maxEscalationRate the highest share of the canary's answers the cascade
 * escalated (0..1)
 */
public record CanaryGuards(Duration window, int minRequests, @Nullable Double maxErrorRate,
		@Nullable Duration maxP95Latency, @Nullable Double minJudgeScore, @Nullable Double maxEscalationRate) {

	/**
	 * The first broken guard, or {@code null} when all hold (or too few calls were made
	 * to judge).
	 */
	@Nullable String broken(GuardValues values) {
		if (values.requests() < this.minRequests) {
			return null;
		}
		if (this.maxErrorRate != null && values.errorRate() > this.maxErrorRate) {
			return "error rate " + percent(values.errorRate()) + " > " + percent(this.maxErrorRate) + " over "
					+ values.requests() + " calls";
		}
		if (this.maxP95Latency != null && values.p95Millis() > this.maxP95Latency.toMillis()) {
			return "p95 latency " + values.p95Millis() + "ms > " + this.maxP95Latency.toMillis() + "ms";
		}
		if (this.minJudgeScore != null && values.judgeScore() != null && values.judgeScore() < this.minJudgeScore) {
			return "judge score " + values.judgeScore() + " < " + this.minJudgeScore;
		}
		if (this.maxEscalationRate != null && values.escalationRate() != null
				&& values.escalationRate() > this.maxEscalationRate) {
			return "escalation rate " + percent(values.escalationRate()) + " > " + percent(this.maxEscalationRate);
		}
		return null;
	}

	private static String percent(double rate) {
		return Math.round(rate * 1000) / 10.0 + " %";
	}

}
