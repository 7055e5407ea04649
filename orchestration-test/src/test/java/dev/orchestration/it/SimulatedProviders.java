package dev.orchestration.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationMetricsAutoConfiguration;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RecordedRequest;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the integration tests: a real Spring Boot context with the starter's
 * auto-configuration and the real Spring AI OpenAI and Anthropic chat models pointed at a
 * {@link ProviderSimulator} over loopback HTTP (SDK retries off, short client timeout).
 */
final class SimulatedProviders {

	/** OkHttp call/read timeout of both clients: a hanging model fails after this. */
	static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1500);

	/** Default model of the OpenAI bean (members normally set their own). */
	static final String OPENAI_DEFAULT_MODEL = "openai-default";

	/** Default model of the Anthropic bean. */
	static final String ANTHROPIC_DEFAULT_MODEL = "anthropic-default";

	/**
	 * Default max tokens of the Anthropic bean (a member or caller value must replace
	 * it).
	 */
	static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 256;

	private SimulatedProviders() {
	}

	/**
	 * A context runner with the Resilience4j, Spring Cloud CircuitBreaker and
	 * orchestration auto-configurations and the two chat model beans
	 * ({@code openAiChatModel}, {@code anthropicChatModel}) pointed at the simulator.
	 */
	static ApplicationContextRunner runner(ProviderSimulator simulator) {
		return runner(simulator, CLIENT_TIMEOUT);
	}

	/**
	 * {@link #runner(ProviderSimulator)} with another client timeout, for tests whose
	 * behaviour does not involve a timeout: a loaded machine must not turn a slow answer
	 * into a failure there.
	 */
	static ApplicationContextRunner runner(ProviderSimulator simulator, Duration clientTimeout) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					OrchestrationAutoConfiguration.class, OrchestrationMetricsAutoConfiguration.class))
			.withBean(SimulatorEndpoint.class, () -> new SimulatorEndpoint(simulator.baseUrl(), clientTimeout))
			.withUserConfiguration(ProvidersConfiguration.class);
	}

	/**
	 * Where the simulator listens and the clients' timeout (a plain value bean: the
	 * simulator itself is closed by the test class).
	 */
	record SimulatorEndpoint(String baseUrl, Duration clientTimeout) {
	}

	/** The user's provider beans, as an application would declare them. */
	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		OpenAiChatModel openAiChatModel(SimulatorEndpoint endpoint) {
			return OpenAiChatModel.builder()
				.options(OpenAiChatOptions.builder()
					.baseUrl(endpoint.baseUrl())
					.apiKey("test-key")
					.model(OPENAI_DEFAULT_MODEL)
					.maxRetries(0)
					.timeout(endpoint.clientTimeout())
					.build())
				.build();
		}

		@Bean
		AnthropicChatModel anthropicChatModel(SimulatorEndpoint endpoint) {
			return AnthropicChatModel.builder()
				.options(AnthropicChatOptions.builder()
					.baseUrl(endpoint.baseUrl())
					.apiKey("test-key")
					.model(ANTHROPIC_DEFAULT_MODEL)
					.maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
					.maxRetries(0)
					.timeout(endpoint.clientTimeout())
					.build())
				.build();
		}

	}

	/**
	 * Property values declaring one member:
	 * {@code llm.tiers.<tier>.models[<index>].chat-model/model}.
	 */
	static String[] member(String tier, int index, String chatModelBean, String model) {
		String prefix = "llm.tiers." + tier + ".models[" + index + "].";
		return new String[] { prefix + "chat-model=" + chatModelBean, prefix + "model=" + model };
	}

	static String[] props(String[]... groups) {
		List<String> all = new ArrayList<>();
		for (String[] group : groups) {
			all.addAll(List.of(group));
		}
		return all.toArray(String[]::new);
	}

	/** The text of a stream's chunks, in order. */
	static String streamedText(List<ChatResponse> chunks) {
		StringBuilder text = new StringBuilder();
		for (ChatResponse chunk : chunks) {
			if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
				text.append(chunk.getResult().getOutput().getText());
			}
		}
		return text.toString();
	}

	static RoutingReceipt receipt(@Nullable ChatResponse response) {
		Optional<RoutingReceipt> receipt = RoutingReceipt.from(response);
		assertThat(receipt).as("routing receipt in the response metadata").isPresent();
		return receipt.get();
	}

	/**
	 * "member=OUTCOME" or "member=OUTCOME(FAILURE)" per attempt, for compact assertions.
	 */
	static List<String> outcomes(RoutingReceipt receipt) {
		return outcomes(receipt.attempts());
	}

	static List<String> outcomes(List<Attempt> attempts) {
		return attempts.stream()
			.map((a) -> a.member() + "=" + a.outcome()
					+ ((a.outcome() == AttemptOutcome.FAILED) ? "(" + a.failure() + ")" : ""))
			.toList();
	}

	/** The models requested from the simulator, in order. */
	static List<String> requestedModels(ProviderSimulator simulator) {
		return simulator.requests().stream().map(RecordedRequest::model).toList();
	}

	/** The {@link RoutingFailedException} in a cause chain (ChatClient may wrap it). */
	static @Nullable RoutingFailedException routingFailure(@Nullable Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			if (t instanceof RoutingFailedException failure) {
				return failure;
			}
		}
		return null;
	}

	record WeatherRequest(String city) {
	}

	/** A {@code get_weather} tool that records the cities it was called with. */
	static ToolCallback weatherTool(List<String> calls) {
		Function<WeatherRequest, String> fn = (request) -> {
			calls.add(request.city());
			return "sunny in " + request.city();
		};
		return FunctionToolCallback.builder("get_weather", fn)
			.description("Current weather of a city")
			.inputType(WeatherRequest.class)
			.build();
	}

}
