package dev.orchestration.review;

/**
 * A reviewer's verdict on an answer.
 */
public enum ReviewVerdict {

	/** The answer is right. */
	APPROVED,

	/** The answer is wrong, and no corrected answer is given. */
	REJECTED,

	/** The answer is wrong; the reviewer gave the right one. */
	CORRECTED

}
