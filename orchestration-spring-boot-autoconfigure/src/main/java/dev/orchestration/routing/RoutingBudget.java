package dev.orchestration.routing;

import dev.orchestration.receipt.Route;

/**
 * Where spending limits hook into routing. Each request opens one
 * {@link BudgetReservation} before any call (which may refuse the request or downgrade
 * its route), checks it before each member call, and settles it exactly once when the
 * request ends, whatever the outcome. The default never limits.
 */
public interface RoutingBudget {

	/** A budget that never limits. */
	RoutingBudget UNLIMITED = BudgetReservation::unlimited;

	/**
	 * Opens the reservation of a request before any call.
	 * @param request the request
	 * @param route the route the resolver chose
	 * @return the reservation, whose {@link BudgetReservation#route() route} may be
	 * cheaper than the given one
	 * @throws RequestRefusedException when the request must be refused
	 */
	BudgetReservation reserve(RouteRequest request, Route route);

}
