package dev.orchestration.shadow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One live request compared with its shadow on the candidate policy. Prompts and answers
 * are never kept.
 *
 * @param timestamp when the comparison finished
 * @param liveTier the tier that served the live answer, or {@code null} when unknown
 * @param candidateTier the tier the candidate policy's answer came from, or {@code null}
 * when it failed
 * @param candidateRoute the candidate's routing reason, or {@code null} when it failed
 * @param agreed whether the answers are equal after {@code AnswerNormalizer.TEXT};
 * {@code false} when it failed
 * @param normalizedAgreed whether they are equal after the configured normalizer,
 * {@code null} when none is configured or the candidate failed
 * @param liveCost USD the live answer cost
 * @param candidateCost USD the candidate answer cost (every attempt counted)
 * @param liveLatencyMillis how long the live answer took
 * @param candidateLatencyMillis how long the candidate answer took
 * @param liveJudgeScore the judge's overall score (0..1) of the live answer, {@code null}
 * without judge
 * @param candidateJudgeScore the judge's overall score of the candidate answer,
 * {@code null} without judge
 * @param judgeCost USD the judge calls cost
 * @param streamed whether the live answer was streamed
 * @param error the candidate's error type when it failed, else {@code null}
 */
public record ShadowComparison(Instant timestamp, @Nullable String liveTier, @Nullable String candidateTier,
		@Nullable String candidateRoute, boolean agreed, @Nullable Boolean normalizedAgreed, double liveCost,
		double candidateCost, long liveLatencyMillis, long candidateLatencyMillis, @Nullable Double liveJudgeScore,
		@Nullable Double candidateJudgeScore, double judgeCost, boolean streamed, @Nullable String error) {

	/** Whether the candidate answered. */
	public boolean succeeded() {
		return this.error == null;
	}

}
