package dev.orchestration.routing;

import dev.orchestration.cost.Price;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * One model of a tier: a Spring AI chat model bean, the model name sent with each call,
 * the member's own options and its price.
 *
 * @param id unique id, also the id of the member's circuit breaker
 * @param tier the tier the member belongs to
 * @param chatModelBean the bean name of the chat model
 * @param chatModel the chat model that makes the call
 * @param model the model name, or {@code null} for the chat model's default
 * @param options options of this member (for example a lower temperature), or
 * {@code null}
 * @param price the model's price
 */
public record TierMember(String id, String tier, String chatModelBean, ChatModel chatModel, @Nullable String model,
		@Nullable ChatOptions options, Price price) {

	@Override
	public String toString() {
		return this.id;
	}

}
