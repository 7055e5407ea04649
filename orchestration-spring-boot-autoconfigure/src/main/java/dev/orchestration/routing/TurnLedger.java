package dev.orchestration.routing;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * The receipts of the model turns of one client request: a tool loop calls the router
 * once per turn, and the receipt of the last turn must still cover them all.
 */
final class TurnLedger {

	private @Nullable RoutingReceipt total;

	/** Adds a turn and returns the receipt of every turn so far. */
	synchronized RoutingReceipt add(RoutingReceipt turn) {
		this.total = (this.total != null) ? this.total.plus(turn) : turn;
		return this.total;
	}

}
