package dev.orchestration.cascade;

import org.jspecify.annotations.Nullable;

/**
 * One extra model call of a cascade besides its steps' answers: a vote, a
 * self-consistency sample or an ensemble member, with what it answered (normalised), how
 * it counted and what it cost. A call that was cancelled or never started costs 0: only
 * what a provider reported is charged.
 *
 * @param role why the call was made
 * @param tier the tier asked
 * @param member the member that answered, or {@code null} when none did
 * @param status what became of the call
 * @param answerKey the normalised answer ("" when none or nothing comparable)
 * @param weight the weight of its vote (1 unless weights are configured)
 * @param score its score (judge score of an ensemble candidate; 1 or 0 for a vote with or
 * against the winner)
 * @param reason why it has that status, in a few words
 * @param cost USD the call cost as reported (0 when cancelled before usage was reported,
 * skipped or failed)
 * @param promptTokens prompt tokens reported
 * @param completionTokens completion tokens reported
 */
public record Candidate(Role role, String tier, @Nullable String member, Status status, String answerKey, double weight,
		double score, String reason, double cost, long promptTokens, long completionTokens) {

	/** Why the call was made. */
	public enum Role {

		/** A vote of another tier on the answer under verification. */
		VOTE,

		/** Another sample of the answering tier (self-consistency). */
		SAMPLE,

		/** A member of a parallel ensemble. */
		ENSEMBLE

	}

	/** What became of the call. */
	public enum Status {

		/** It answered and its answer is the one served (or agrees with it). */
		CHOSEN,

		/**
		 * It answered; its answer lost the vote, the judge's choice or was not needed.
		 */
		ANSWERED,

		/** It answered but failed a validator. */
		REJECTED,

		/**
		 * It was cancelled once the outcome was known (no usage reported: not charged).
		 */
		CANCELLED,

		/** It was never started: its estimated cost would have crossed the cost bound. */
		SKIPPED_COST,

		/** It failed (provider error or timeout); no usage reported. */
		FAILED

	}

	/** Whether the call produced an answer (and usage). */
	public boolean answered() {
		return this.status == Status.CHOSEN || this.status == Status.ANSWERED || this.status == Status.REJECTED;
	}

	public Candidate with(Status status, double score, String reason) {
		return new Candidate(this.role, this.tier, this.member, status, this.answerKey, this.weight, score, reason,
				this.cost, this.promptTokens, this.completionTokens);
	}

}
