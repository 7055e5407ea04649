package dev.orchestration.provider.internal;

import dev.orchestration.provider.ProviderApi;
import dev.orchestration.provider.ProviderEndpoint;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Builds the Spring AI chat model of a provider endpoint: {@code OpenAiChatModel} for the
 * OpenAI wire APIs, {@code AnthropicChatModel} for Anthropic, each over its official SDK
 * client with {@code maxRetries(0)} (the router fails over instead of retrying inside one
 * attempt).
 */
public final class ProviderChatModelFactory {

	private static final String OPENAI_MODEL = "org.springframework.ai.openai.OpenAiChatModel";

	private static final String ANTHROPIC_MODEL = "org.springframework.ai.anthropic.AnthropicChatModel";

	private final ObservationRegistry observationRegistry;

	/**
	 * @param observationRegistry where the models report their {@code gen_ai.*}
	 * observations
	 */
	public ProviderChatModelFactory(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The Maven coordinates of the Spring AI module an API needs when it is not on the
	 * classpath.
	 * @param api the API
	 * @return the missing module, or null when it is present
	 */
	public static @Nullable String missingModule(ProviderApi api) {
		ClassLoader loader = ProviderChatModelFactory.class.getClassLoader();
		if (api.openAiWire()) {
			return ClassUtils.isPresent(OPENAI_MODEL, loader) ? null : "org.springframework.ai:spring-ai-openai";
		}
		return ClassUtils.isPresent(ANTHROPIC_MODEL, loader) ? null : "org.springframework.ai:spring-ai-anthropic";
	}

	/**
	 * Builds the chat model of an endpoint.
	 * @param endpoint the endpoint
	 * @return the chat model with the clients it owns
	 */
	public ProviderChatModel create(ProviderEndpoint endpoint) {
		return endpoint.api().openAiWire() ? OpenAiProviderChatModels.create(endpoint, this.observationRegistry)
				: AnthropicProviderChatModels.create(endpoint, this.observationRegistry);
	}

}
