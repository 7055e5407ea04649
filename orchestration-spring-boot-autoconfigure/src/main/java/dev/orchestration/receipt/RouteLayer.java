package dev.orchestration.receipt;

/**
 * Which layer of the router chose the tier.
 */
public enum RouteLayer {

	/** The caller asked for the tier. */
	HINT,

	/** The cascade escalated to the tier after a verifier rejected a cheaper tier's answer. */
	CASCADE,

	/** A configured rule matched. */
	RULE,

	/** Nothing matched; the default tier was used. */
	DEFAULT

}
