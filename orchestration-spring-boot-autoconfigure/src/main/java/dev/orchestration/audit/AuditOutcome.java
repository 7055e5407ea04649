package dev.orchestration.audit;

import java.util.Locale;

/**
 * How a request ended, as the audit trail records it: the routing outcome refined by what
 * the caches and the cascade did.
 */
public enum AuditOutcome {

	/** A member answered and no verifier sent the request further. */
	ANSWERED,

	/** A cache answered; no model was called. */
	CACHED,

	/**
	 * The cascade rejected a cheaper answer and sent the request to a stronger tier at
	 * least once.
	 */
	ESCALATED,

	/** The best answer was returned and handed to human review. */
	NEEDS_REVIEW,

	/** No member could answer, or a member rejected the request outright. */
	FAILED,

	/** A policy (for example a budget) refused the request. */
	REFUSED,

	/** A stream broke after tokens had reached the caller. */
	INTERRUPTED,

	/** The caller stopped reading a stream. */
	CANCELLED;

	/** The value in records and meters: {@code answered}, {@code cached}, ... */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
