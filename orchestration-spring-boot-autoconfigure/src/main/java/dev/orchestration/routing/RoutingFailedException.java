package dev.orchestration.routing;

import java.util.List;
import java.util.stream.Collectors;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when no member could answer a request; lists every attempt. The cause is the
 * last provider error.
 */
public class RoutingFailedException extends RuntimeException {

	private final RoutingReceipt receipt;

	public RoutingFailedException(String reason, RoutingReceipt receipt, @Nullable Throwable cause) {
		super(reason + "; attempts: " + describe(receipt.attempts()), cause);
		this.receipt = receipt;
	}

	/** Every attempt, skipped members included, in order. */
	public List<Attempt> getAttempts() {
		return this.receipt.attempts();
	}

	/** The receipt of the failed request (route, attempts, tokens and cost spent). */
	public RoutingReceipt getReceipt() {
		return this.receipt;
	}

	private static String describe(List<Attempt> attempts) {
		if (attempts.isEmpty()) {
			return "none";
		}
		return attempts.stream()
			.map((a) -> a.tier() + "/" + a.member() + "=" + a.outcome()
					+ ((a.failure() != null)
							? "(" + a.failure() + ((a.errorClass() != null) ? " " + a.errorClass() : "") + ")" : ""))
			.collect(Collectors.joining(", "));
	}

}
