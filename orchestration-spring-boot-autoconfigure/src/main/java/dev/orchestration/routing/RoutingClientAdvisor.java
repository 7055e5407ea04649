package dev.orchestration.routing;

import org.springframework.ai.chat.client.advisor.api.Advisor;

/**
 * An advisor the auto-configured {@link RoutingChatClient} applies to every request (the
 * caches, and later the cascade). Define a bean of this type to add your own.
 */
public interface RoutingClientAdvisor extends Advisor {

}
