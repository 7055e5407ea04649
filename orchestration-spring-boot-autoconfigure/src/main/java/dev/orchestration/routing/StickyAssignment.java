package dev.orchestration.routing;

/**
 * What keeps a request on the member it went to before, while the weights and canary
 * shares allow: the same key always hashes to the same place, so the same member is
 * chosen first.
 */
public enum StickyAssignment {

	/**
	 * The chat memory conversation id, else the tenant, else a random choice per request.
	 */
	CONVERSATION,

	/** The tenant, else a random choice per request. */
	TENANT,

	/** A random choice per request. */
	NONE

}
