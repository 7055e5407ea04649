package dev.orchestration.routing;

/**
 * Adjusts the {@link RoutingChatModelBuilder} the auto-configuration prepared, before the
 * router is built: change one thing (a listener, the deadline, the observation
 * convention) without re-declaring the {@link RoutingChatModel} bean. Customizers run in
 * {@code @Order} order.
 */
@FunctionalInterface
public interface RoutingChatModelCustomizer {

	void customize(RoutingChatModelBuilder builder);

}
