package dev.orchestration.routing;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * A request the router refused to (further) serve by policy, for example a spending
 * limit. The router publishes the refusal like any other outcome and attaches the receipt
 * of what the request did before it was refused.
 */
public abstract class RequestRefusedException extends RuntimeException {

	private volatile @Nullable RoutingReceipt receipt;

	protected RequestRefusedException(String message) {
		super(message);
	}

	/**
	 * What the request did before it was refused (attempts and cost so far); set by the
	 * router.
	 */
	public @Nullable RoutingReceipt getReceipt() {
		return this.receipt;
	}

	void attach(RoutingReceipt receipt) {
		this.receipt = receipt;
	}

}
