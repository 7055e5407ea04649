package dev.orchestration.routing;

import org.springframework.ai.chat.client.advisor.api.Advisor;

/**
 * An advisor the auto-configured {@link RoutingChatClient} applies to every request (the
 * caches, and later the cascade). Define a bean of this type to add your own.
 */
public interface RoutingClientAdvisor extends Advisor {

	/**
	 * Whether this advisor, as configured, would pass every request through unchanged;
	 * the routing client then leaves it out of its chain, so a feature that is off costs
	 * no advisor (nor advisor observation) per request.
	 * @return {@code true} to be left out
	 */
	default boolean isPassThrough() {
		return false;
	}

}
