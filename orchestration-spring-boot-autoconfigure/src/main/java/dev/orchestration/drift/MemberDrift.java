package dev.orchestration.drift;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Passive drift of one member over its sliding window, against its own baseline (the
 * first full window).
 *
 * @param member the member id
 * @param judgeScore the judge's mean score now, or {@code null} without judged answers
 * @param judgeBaseline the judge's mean score of the baseline window, or {@code null}
 * @param escalationRate the share of its verified answers the cascade escalated
 * @param escalationBaseline the same share in the baseline window, or {@code null}
 * @param validatorFailureRate the share of its verified answers a deterministic validator
 * rejected
 * @param validatorFailureBaseline the same share in the baseline window, or {@code null}
 * @param samples verified answers in the window
 * @param drifting whether a signal moved beyond its allowed change
 * @param reasons which signals moved, for example
 * {@code judge-score 0.41 < baseline 0.88 - 0.10}
 */
public record MemberDrift(String member, @Nullable Double judgeScore, @Nullable Double judgeBaseline,
		@Nullable Double escalationRate, @Nullable Double escalationBaseline, @Nullable Double validatorFailureRate,
		@Nullable Double validatorFailureBaseline, int samples, boolean drifting, List<String> reasons) {

	public MemberDrift {
		reasons = List.copyOf(reasons);
	}

}
