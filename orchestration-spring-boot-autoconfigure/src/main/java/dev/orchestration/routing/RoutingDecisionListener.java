package dev.orchestration.routing;

/**
 * Sees every routing decision, for audit logs and statistics. Called on the request's
 * thread after the response is complete: keep it fast. An exception thrown here is logged
 * and never reaches the caller.
 */
@FunctionalInterface
public interface RoutingDecisionListener {

	void onDecision(RoutingDecision decision);

}
