package dev.orchestration.sample;

import java.time.Duration;

import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.SimulatedError;
import dev.orchestration.test.simulator.SimulatedModel;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offline mode (the default): an in-process provider simulator that speaks the OpenAI and
 * Anthropic APIs, and the real Spring AI clients pointed at it over loopback HTTP.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.mode", havingValue = "offline", matchIfMissing = true)
class OfflineProvidersConfiguration {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

	@Bean(destroyMethod = "close")
	ProviderSimulator providerSimulator(SimulatorProperties properties) {
		ProviderSimulator simulator = ProviderSimulator.start().requestLogCapacity(properties.getRequestLogCapacity());
		properties.getModels().forEach((name, settings) -> configure(name, simulator.model(name), settings));
		return simulator;
	}

	@Bean
	ChatModel openAiChatModel(ProviderSimulator simulator) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(simulator.baseUrl() + "/v1")
				.apiKey("offline")
				.model("sim-nano")
				.timeout(CLIENT_TIMEOUT)
				.maxRetries(0)
				.streamUsage(true)
				.build())
			.build();
	}

	@Bean
	ChatModel anthropicChatModel(ProviderSimulator simulator) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(simulator.baseUrl())
				.apiKey("offline")
				.model("sim-haiku")
				.maxTokens(1024)
				.timeout(CLIENT_TIMEOUT)
				.maxRetries(0)
				.build())
			.build();
	}

	static void configure(String name, SimulatedModel model, SimulatorProperties.SimulatedModelProperties settings) {
		model.latency(settings.getMinLatency(), settings.getMaxLatency());
		if (settings.getErrorShape() != null) {
			model.errorRate((settings.getErrorRate() > 0) ? settings.getErrorRate() : 1.0,
					shape(name, settings.getErrorShape()));
		}
		else if (settings.getErrorRate() > 0) {
			model.errorRate(settings.getErrorRate(), SimulatedError.status(settings.getErrorStatus()));
		}
		if (settings.getAnswer() != null) {
			String template = settings.getAnswer();
			model.answers((request) -> template.replace("{prompt}", excerpt(request.lastUserMessage())));
		}
	}

	private static SimulatedError shape(String model, String shape) {
		try {
			return SimulatedError.shape(shape);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("sample.simulator.models." + model + ".error-shape: " + ex.getMessage(),
					ex);
		}
	}

	private static String excerpt(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

}
