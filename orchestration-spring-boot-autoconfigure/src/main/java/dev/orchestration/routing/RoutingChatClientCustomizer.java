package dev.orchestration.routing;

import org.springframework.ai.chat.client.ChatClient;

/**
 * Adjusts the {@code ChatClient.Builder} of the auto-configured {@link RoutingChatClient}
 * (default system text, advisors, options) without re-declaring the bean. Runs after the
 * routing advisors were added and only for the routing client, unlike Spring AI's
 * {@code ChatClientCustomizer}, which also applies to it. Customizers run in
 * {@code @Order} order.
 */
@FunctionalInterface
public interface RoutingChatClientCustomizer {

	void customize(ChatClient.Builder builder);

}
