package dev.orchestration.routing;

import dev.orchestration.receipt.Route;

/**
 * Decides which tier serves a request first. Replace the bean to route differently.
 */
@FunctionalInterface
public interface RouteResolver {

	/**
	 * The route of a request.
	 * @throws UnknownTierException when the caller asks for a tier that does not exist
	 */
	Route resolve(RouteRequest request);

}
