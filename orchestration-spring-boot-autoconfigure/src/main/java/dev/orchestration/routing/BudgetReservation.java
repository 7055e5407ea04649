package dev.orchestration.routing;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * The budget held by one request while it runs. The router calls {@link #beforeCall}
 * before each member call and {@link #settle} exactly once when the request ends
 * (answered, failed, refused or cancelled).
 */
public interface BudgetReservation {

	/** The route to use: the resolver's, or a cheaper one the budget chose. */
	Route route();

	/**
	 * Checks a member call against the limits and reserves its estimate.
	 * @param member the member about to be called
	 * @param prompt the prompt it will be sent
	 * @param spentSoFar what the request's earlier attempts cost
	 * @throws RequestRefusedException when the call must not be made
	 */
	default void beforeCall(TierMember member, Prompt prompt, double spentSoFar) {
	}

	/** Replaces what was reserved by what the request cost. */
	void settle(RoutingReceipt receipt);

	/** A reservation that limits nothing. */
	static BudgetReservation unlimited(RouteRequest request, Route route) {
		return new BudgetReservation() {

			@Override
			public Route route() {
				return route;
			}

			@Override
			public void settle(RoutingReceipt receipt) {
			}

		};
	}

}
