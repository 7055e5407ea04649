package dev.orchestration.routing;

/**
 * Raised when a provider's stream ends without a finish reason: the connection was cut,
 * even if the client library reported a clean end.
 */
public class IncompleteStreamException extends RuntimeException {

	public IncompleteStreamException(String member) {
		super("Stream from " + member + " ended without a finish reason");
	}

}
