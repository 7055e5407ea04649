package dev.orchestration.routing;

import java.time.Duration;

/**
 * A member's stream sent no chunk for the stall timeout (or past the request's deadline);
 * the attempt counts as a transient failure: before the first token the router fails
 * over, after it the stream ends with an error.
 */
public class StreamStalledException extends RuntimeException {

	public StreamStalledException(String member, Duration timeout) {
		super("Stream from " + member + " sent nothing for " + timeout);
	}

}
