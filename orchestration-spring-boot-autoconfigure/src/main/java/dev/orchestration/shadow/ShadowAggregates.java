package dev.orchestration.shadow;

import org.jspecify.annotations.Nullable;

/**
 * Running aggregates of the comparisons.
 *
 * @param compared comparisons made
 * @param agreementRate share whose answers agree after {@code TEXT} normalisation
 * @param normalizedAgreementRate share that agree after the configured normalizer,
 * {@code null} without one
 * @param liveCost USD of the compared live answers
 * @param candidateCost USD of the candidate answers
 * @param judgeCost USD of the judge calls
 * @param costRatio candidate cost / live cost (0 when the live cost is 0)
 * @param liveP50Millis median live latency
 * @param candidateP50Millis median candidate latency
 * @param meanLiveJudgeScore mean judge score of live answers, {@code null} without judge
 * @param meanCandidateJudgeScore mean judge score of candidate answers, {@code null}
 * without judge
 */
public record ShadowAggregates(long compared, double agreementRate, @Nullable Double normalizedAgreementRate,
		double liveCost, double candidateCost, double judgeCost, double costRatio, long liveP50Millis,
		long candidateP50Millis, @Nullable Double meanLiveJudgeScore, @Nullable Double meanCandidateJudgeScore) {
}
