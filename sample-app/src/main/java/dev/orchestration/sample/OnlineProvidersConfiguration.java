package dev.orchestration.sample;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Online mode ({@code --spring.profiles.active=online}): the same tiers on the real
 * OpenAI and Anthropic APIs, with keys from {@code OPENAI_API_KEY} and
 * {@code ANTHROPIC_API_KEY}. The SDKs' own retries are off: the router fails over
 * instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.mode", havingValue = "online")
class OnlineProvidersConfiguration {

	@Bean
	ChatModel openAiChatModel(@Value("${OPENAI_API_KEY}") String apiKey) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder().apiKey(apiKey).maxRetries(0).streamUsage(true).build())
			.build();
	}

	@Bean
	ChatModel anthropicChatModel(@Value("${ANTHROPIC_API_KEY}") String apiKey) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder().apiKey(apiKey).maxTokens(1024).maxRetries(0).build())
			.build();
	}

}
