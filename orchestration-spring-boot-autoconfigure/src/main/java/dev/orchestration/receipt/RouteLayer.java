package dev.orchestration.receipt;

/**
 * Which layer of the router chose the tier.
 */
public enum RouteLayer {

	/** The caller asked for the tier. */
	HINT,

	/**
	 * The cascade escalated to the tier after a verifier rejected a cheaper tier's
	 * answer.
	 */
	CASCADE,

	/** A configured rule matched. */
	RULE,

	/** A task rule matched a task the embedding classifier inferred. */
	CLASSIFIER,

	/** A task rule matched a task the small-model router inferred. */
	ROUTER_MODEL,

	/**
	 * The class's policy chose the cheapest tier meeting its quality floor and latency
	 * objective.
	 */
	CLASS_POLICY,

	/** Nothing matched; the default tier was used. */
	DEFAULT

}
