package dev.orchestration.routing;

/**
 * One immutable routing configuration: the tiers, how the first tier is resolved, where
 * failures go and how the first member of a tier is chosen. A request reads it once, when
 * its exchange opens, and keeps it to the end, so a reload never changes a request in
 * flight.
 *
 * @param version 1 at start-up, one more per accepted reload
 * @param tiers the tiers
 * @param resolver decides the first tier
 * @param policy where failures send a request
 * @param selector weights, canary shares and sticky assignment
 */
public record RoutingConfiguration(long version, Tiers tiers, RouteResolver resolver, FailoverPolicy policy,
		MemberSelector selector) {

}
