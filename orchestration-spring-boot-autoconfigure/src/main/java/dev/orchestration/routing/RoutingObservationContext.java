package dev.orchestration.routing;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the routing observation of one request knows: the request, its route, and once it
 * ended, the receipt and the outcome. Holds no prompt text.
 */
public final class RoutingObservationContext extends Observation.Context {

	private final RouteRequest request;

	private final boolean streamed;

	private @Nullable Route route;

	private @Nullable RoutingReceipt receipt;

	private RoutingOutcome outcome = RoutingOutcome.FAILED;

	RoutingObservationContext(RouteRequest request, boolean streamed) {
		this.request = request;
		this.streamed = streamed;
	}

	public RouteRequest getRequest() {
		return this.request;
	}

	public boolean isStreamed() {
		return this.streamed;
	}

	/** The route, once resolved. */
	public @Nullable Route getRoute() {
		return this.route;
	}

	/** The receipt, once the request ended. */
	public @Nullable RoutingReceipt getReceipt() {
		return this.receipt;
	}

	public RoutingOutcome getOutcome() {
		return this.outcome;
	}

	void setRoute(Route route) {
		this.route = route;
	}

	void ended(RoutingReceipt receipt, RoutingOutcome outcome) {
		this.receipt = receipt;
		this.outcome = outcome;
	}

}
