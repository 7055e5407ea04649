package dev.orchestration.routing;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * Ends a stream that broke after tokens were sent to the caller: the answer is
 * incomplete, and no failover could run without repeating what the caller already
 * received. A stream never ends cleanly in that case.
 */
public class StreamInterruptedException extends RoutingFailedException {

	public StreamInterruptedException(String member, RoutingReceipt receipt, @Nullable Throwable cause) {
		super("Stream from " + member + " broke after tokens were sent to the caller", receipt, cause);
	}

}
