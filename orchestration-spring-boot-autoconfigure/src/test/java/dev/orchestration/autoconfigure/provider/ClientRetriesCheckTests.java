package dev.orchestration.autoconfigure.provider;

import java.time.Duration;
import java.util.List;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.provider.internal.ClientRetries;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.setup.OpenAiSetup;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ClientRetriesCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationClientRetriesAutoConfiguration.class));

	@Test
	void springAiDefaultsRetryThreeTimesForOpenAiAndTwiceForAnthropic() {
		assertThat(ClientRetries.of(openAi(OpenAiChatOptions.builder().apiKey("k").build()))).hasValue(3);
		assertThat(ClientRetries.of(anthropic(AnthropicChatOptions.builder().apiKey("k").build()))).hasValue(2);
		assertThat(ClientRetries.of(new ScriptedChatModel("other"))).isEmpty();
	}

	@Test
	void theRetriesOfTheClientCountNotThoseOfTheOptions() {
		// as Spring AI's auto-configuration does: the client from spring.ai.openai.*, the
		// options from .chat.options
		OpenAiChatModel model = OpenAiChatModel.builder()
			.openAiClient(OpenAiSetup.setupSyncClient("http://127.0.0.1:9", "k", null, null, null, null, false, false,
					null, Duration.ofSeconds(5), 5, null, null, ObservationRegistry.NOOP, null, List.of()))
			.options(OpenAiChatOptions.builder().baseUrl("http://127.0.0.1:9").apiKey("k").maxRetries(0).build())
			.build();
		assertThat(ClientRetries.of(model)).hasValue(5);
	}

	@Test
	void aMemberWhoseClientRetriesIsWarnedAboutNamingTheMemberAndTheFix(CapturedOutput output) {
		this.runner
			.withBean("openAiChatModel", ChatModel.class, () -> openAi(OpenAiChatOptions.builder().apiKey("k").build()))
			.withBean("quietModel", ChatModel.class,
					() -> anthropic(AnthropicChatOptions.builder().apiKey("k").maxRetries(0).build()))
			.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel",
					"llm.tiers.small.models[0].model=a", "llm.tiers.small.models[1].chat-model=quietModel",
					"llm.tiers.large.models[0].chat-model=openAiChatModel", "llm.tiers.large.models[0].model=b")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> warnings = context.getBean(ClientRetriesCheck.class).warnings();
				assertThat(warnings).singleElement()
					.asString()
					.contains("'openAiChatModel'")
					.contains("llm.tiers.small.models[0].chat-model, llm.tiers.large.models[0].chat-model")
					.contains("retries failed calls 3 times")
					.contains("spring.ai.openai.max-retries=0")
					.doesNotContain("quietModel");
			});
		assertThat(output).contains("WARN").contains("spring.ai.openai.max-retries=0");
	}

	@Test
	void membersWithoutRetriesAreNotWarnedAbout(CapturedOutput output) {
		this.runner
			.withBean("quietModel", ChatModel.class,
					() -> openAi(OpenAiChatOptions.builder().apiKey("k").maxRetries(0).build()))
			.withPropertyValues("llm.tiers.small.models[0].chat-model=quietModel")
			.run((context) -> assertThat(context.getBean(ClientRetriesCheck.class).warnings()).isEmpty());
		assertThat(output).doesNotContain("retries failed calls");
	}

	private static OpenAiChatModel openAi(OpenAiChatOptions options) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl("http://127.0.0.1:9").combineWith(options.mutate()).build())
			.build();
	}

	private static AnthropicChatModel anthropic(AnthropicChatOptions options) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder().baseUrl("http://127.0.0.1:9").combineWith(options.mutate()).build())
			.build();
	}

}
