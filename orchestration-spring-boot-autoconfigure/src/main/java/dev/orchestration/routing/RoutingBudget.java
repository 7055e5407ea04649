package dev.orchestration.routing;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * Where spending limits hook into routing: before a request is routed (reject, or downgrade the route), before
 * each member call (the call's estimated cost against the per-request ceiling), and once the request is done (charge
 * what it cost). The default does nothing.
 */
public interface RoutingBudget {

	/** A budget that never limits. */
	RoutingBudget UNLIMITED = new RoutingBudget() {
	};

	/**
	 * Admits a request before any call: returns the route to use (the given one, or a cheaper one).
	 * @throws RuntimeException a {@code BudgetExceededException} when the request must be rejected
	 */
	default Route admit(RouteRequest request, Route route) {
		return route;
	}

	/**
	 * Called before each member call with what the request has cost so far.
	 * @throws RuntimeException a {@code BudgetExceededException} when the call would exceed the per-request ceiling
	 */
	default void beforeCall(RouteRequest request, TierMember member, Prompt prompt, double spentSoFar) {
	}

	/** Charges what a finished (or failed) request cost. */
	default void charge(RouteRequest request, RoutingReceipt receipt) {
	}

}
