package dev.orchestration.cascade;

import java.util.Locale;

/**
 * The human-review flag of a cascaded answer: the answer was served (or withheld) pending
 * a reviewer's verdict.
 *
 * @param id the review id, to look the review up and resolve it
 * ({@code /actuator/llm-reviews/{id}})
 * @param reason why the answer needs a review
 * @param cause what the cascade concluded before the hand-off: why it stopped
 * ({@code end-of-path}, {@code max-escalations}, ...) or {@code accepted} for a high-risk
 * request whose answer passed verification
 * @param status whether the review request reached the review queue
 */
public record ReviewTicket(String id, Reason reason, String cause, Status status) {

	/** Why an answer needs a review. */
	public enum Reason {

		/** Every allowed cascade step failed verification. */
		UNVERIFIED,

		/** A policy marked the request high-risk (its task, or a predicate bean). */
		HIGH_RISK;

		/** The name in meters and JSON: {@code unverified}, {@code high-risk}. */
		public String id() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** Where the review request went. */
	public enum Status {

		/** In the review queue. */
		QUEUED,

		/**
		 * The shared queue did not answer: held by this instance and added to it once it
		 * answers again.
		 */
		HELD_LOCALLY,

		/** Not queued (the local hold was full too); the event was still published. */
		DROPPED;

		/**
		 * The name in meters and JSON: {@code queued}, {@code held-locally},
		 * {@code dropped}.
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
