package dev.orchestration.routing;

import java.time.Duration;

import dev.orchestration.resilience.MemberHealth;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * What every request of one router shares, and where its {@link RoutingExchange}s are
 * opened.
 *
 * @param configurations the routing configuration in force (tiers, resolver, failover
 * policy, member selector)
 * @param health cool-downs and unhealthy marks
 * @param invoker calls members through their breakers
 * @param publisher builds receipts and tells listeners
 * @param budget spending limits
 * @param deadline how long one request may take, all attempts together
 * @param streamStallTimeout how long a stream may go without a chunk before the attempt
 * counts as failed
 * @param requireFinishReason whether a stream that ends without a finish reason counts as
 * broken
 * @param observations where routing observations go
 * @param convention names and tags them
 * @param failoverLog what streams that failed over or failed leave in the log
 */
record RoutingExchanges(RoutingConfigurations configurations, MemberHealth health, MemberInvoker invoker,
		DecisionPublisher publisher, RoutingBudget budget, Duration deadline, Duration streamStallTimeout,
		boolean requireFinishReason, ObservationRegistry observations, RoutingObservationConvention convention,
		StreamFailoverLog failoverLog) {

	/**
	 * Opens the exchange of one request: resolves its route and reserves its budget.
	 * @throws RequestRefusedException when the budget refuses the request (already
	 * published)
	 */
	RoutingExchange open(Prompt prompt, boolean streamed) {
		return RoutingExchange.open(this, prompt, streamed);
	}

}
