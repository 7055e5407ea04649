package dev.orchestration.routing;

import java.util.Locale;

/**
 * How a routed request ended.
 */
public enum RoutingOutcome {

	/** A member answered. */
	ANSWERED,

	/** No member could answer, or a member rejected the request outright. */
	FAILED,

	/** A policy (for example a budget) refused the request before or between calls. */
	REFUSED,

	/** A stream broke after tokens had reached the caller. */
	INTERRUPTED,

	/** The caller stopped reading a stream. */
	CANCELLED;

	/** The tag value: {@code answered}, {@code failed}, ... */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
