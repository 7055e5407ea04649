package dev.orchestration.cascade;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One answer of a cascade and what the verifiers said about it.
 *
 * @param tier the tier that answered
 * @param member the member that answered
 * @param answerCost USD the answer cost (every routing attempt counted)
 * @param verifierCost USD the verifiers spent on it (judge, agreement)
 * @param promptTokens prompt tokens of the answer and its verifiers
 * @param completionTokens completion tokens of the answer and its verifiers
 * @param verdicts what each verifier said, in order (stops at the first rejection)
 * @param accepted whether every verifier accepted
 * @param score the lowest verifier score (0..1)
 * @param answerKey a digest of the normalised answer, to tell whether an escalation
 * changed the answer
 * @param adjustments for a retry of the previous step's tier: the adjustments its request
 * carried; empty for a first answer or an escalation
 */
public record CascadeStep(@Nullable String tier, @Nullable String member, double answerCost, double verifierCost,
		long promptTokens, long completionTokens, List<Verdict> verdicts, boolean accepted, double score,
		String answerKey, List<Adjustment> adjustments) {

	public CascadeStep {
		verdicts = List.copyOf(verdicts);
		adjustments = List.copyOf(adjustments);
	}

	public CascadeStep(@Nullable String tier, @Nullable String member, double answerCost, double verifierCost,
			long promptTokens, long completionTokens, List<Verdict> verdicts, boolean accepted, double score,
			String answerKey) {
		this(tier, member, answerCost, verifierCost, promptTokens, completionTokens, verdicts, accepted, score,
				answerKey, List.of());
	}

	/** Whether this step retried the previous step's tier with adjusted parameters. */
	public boolean retry() {
		return !this.adjustments.isEmpty();
	}

	/** The first verifier that rejected the answer, or {@code null}. */
	public @Nullable Verdict rejection() {
		return this.verdicts.stream().filter((v) -> !v.accepted()).findFirst().orElse(null);
	}

}
