package dev.orchestration.receipt;

/**
 * Which layer of the router chose the tier.
 */
public enum RouteLayer {

	/** The caller asked for the tier. */
	HINT,

	/** A configured rule matched. */
	RULE,

	/** Nothing matched; the default tier was used. */
	DEFAULT

}
