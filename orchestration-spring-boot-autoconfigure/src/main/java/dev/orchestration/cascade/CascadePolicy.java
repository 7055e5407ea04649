package dev.orchestration.cascade;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the answers of one task are verified and escalated.
 *
 * @param task the task ("" for the default policy)
 * @param verifiers verifier names, run in order; the first rejection decides
 * @param path tiers in escalation order (an answer from a tier escalates to the next one
 * in this list)
 * @param maxEscalations the most escalations for one request
 * @param maxCost the most a request may cost over all steps and verifiers, in USD (0 = no
 * ceiling)
 * @param pattern the regex the {@code pattern} validator requires, or {@code null}
 * @param judgeTier the tier that judges
 * @param judgeThreshold the judge score (0..1) an answer needs
 * @param judgeTimeout how long a judge may take
 * @param onJudgeFailure what a judge timeout or unusable verdict means
 * @param agreementTier the tier whose answer must agree
 * @param normalizer how answers are compared for agreement
 * @param vote how the {@code vote} verifier votes, or {@code null} when it is not
 * configured
 * @param ensemble the parallel ensemble that gives the first answer, or {@code null} for
 * a single first answer
 * @param retry retries of a tier with adjusted parameters before escalating
 * @param stream how a streamed request of the task is served
 */
public record CascadePolicy(String task, List<String> verifiers, List<String> path, int maxEscalations, double maxCost,
		@Nullable Pattern pattern, @Nullable String judgeTier, double judgeThreshold, Duration judgeTimeout,
		JudgeFailurePolicy onJudgeFailure, @Nullable String agreementTier, AnswerNormalizer normalizer,
		@Nullable VoteSettings vote, @Nullable EnsembleSettings ensemble, RetrySettings retry, StreamMode stream) {

	public CascadePolicy {
		verifiers = List.copyOf(verifiers);
		path = List.copyOf(path);
	}

	/**
	 * A policy without votes, ensemble or retries, whose streams pass through unverified.
	 */
	public CascadePolicy(String task, List<String> verifiers, List<String> path, int maxEscalations, double maxCost,
			@Nullable Pattern pattern, @Nullable String judgeTier, double judgeThreshold, Duration judgeTimeout,
			JudgeFailurePolicy onJudgeFailure, @Nullable String agreementTier, AnswerNormalizer normalizer) {
		this(task, verifiers, path, maxEscalations, maxCost, pattern, judgeTier, judgeThreshold, judgeTimeout,
				onJudgeFailure, agreementTier, normalizer, null, null, RetrySettings.NONE, StreamMode.PASS_THROUGH);
	}

	/** A policy without votes, ensemble or retries. */
	public CascadePolicy(String task, List<String> verifiers, List<String> path, int maxEscalations, double maxCost,
			@Nullable Pattern pattern, @Nullable String judgeTier, double judgeThreshold, Duration judgeTimeout,
			JudgeFailurePolicy onJudgeFailure, @Nullable String agreementTier, AnswerNormalizer normalizer,
			StreamMode stream) {
		this(task, verifiers, path, maxEscalations, maxCost, pattern, judgeTier, judgeThreshold, judgeTimeout,
				onJudgeFailure, agreementTier, normalizer, null, null, RetrySettings.NONE, stream);
	}

	/** A policy whose streams pass through unverified. */
	public CascadePolicy(String task, List<String> verifiers, List<String> path, int maxEscalations, double maxCost,
			@Nullable Pattern pattern, @Nullable String judgeTier, double judgeThreshold, Duration judgeTimeout,
			JudgeFailurePolicy onJudgeFailure, @Nullable String agreementTier, AnswerNormalizer normalizer,
			@Nullable VoteSettings vote, @Nullable EnsembleSettings ensemble, RetrySettings retry) {
		this(task, verifiers, path, maxEscalations, maxCost, pattern, judgeTier, judgeThreshold, judgeTimeout,
				onJudgeFailure, agreementTier, normalizer, vote, ensemble, retry, StreamMode.PASS_THROUGH);
	}

	/**
	 * Whether anything is verified for this task (verifiers, or an ensemble that picks
	 * the first answer).
	 */
	public boolean active() {
		return !this.verifiers.isEmpty() || this.ensemble != null;
	}

	/**
	 * The tier after the given one on the escalation path, or {@code null} at the end (or
	 * when off the path).
	 */
	public @Nullable String nextTier(@Nullable String tier) {
		int index = this.path.indexOf(tier);
		return (index >= 0 && index + 1 < this.path.size()) ? this.path.get(index + 1) : null;
	}

	/** How a streamed request is served. */
	public enum StreamMode {

		/**
		 * Streamed as the tier answers, not verified (verifying needs the whole answer).
		 */
		PASS_THROUGH,

		/**
		 * The cascade runs on the whole answer of each step, and the chosen answer is
		 * then emitted as a stream: the first token waits for verification (and any
		 * escalation).
		 */
		BUFFERED

	}

	/** What a judge failure means. */
	public enum JudgeFailurePolicy {

		/** Keep the answer. */
		ACCEPT,

		/** Treat the answer as failed and escalate. */
		ESCALATE

	}

}
