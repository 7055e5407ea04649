package dev.orchestration.it;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.provider.OrchestrationClientRetriesAutoConfiguration;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static dev.orchestration.it.SimulatedProviders.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's own auto-configured OpenAI client (as its model starter sets it up) behind
 * the router: with its default retries the starter warns at start-up, naming the members
 * and the property, and each failover costs the hidden SDK retries; with
 * {@code spring.ai.openai.max-retries=0} there is no warning and one HTTP call per
 * attempt.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiStarterRetriesIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					ToolCallingAutoConfiguration.class, OpenAiChatAutoConfiguration.class,
					OrchestrationAutoConfiguration.class, OrchestrationClientRetriesAutoConfiguration.class))
			.withPropertyValues("spring.ai.openai.base-url=" + sim.baseUrl() + "/v1",
					"spring.ai.openai.api-key=test-key", "llm.tiers.main.models[0].chat-model=openAiChatModel",
					"llm.tiers.main.models[0].model=primary", "llm.tiers.main.models[1].chat-model=openAiChatModel",
					"llm.tiers.main.models[1].model=secondary");
	}

	@BeforeEach
	void resetSimulator() {
		sim.model("primary").failWith(SimulatedError.serverError());
		sim.model("secondary").answer("from the secondary");
	}

	@Test
	void defaultRetriesAreWarnedAboutAndHideInsideOneAttempt(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			ChatResponse response = context.getBean(RoutingChatClient.class).prompt().user("hi").call().chatResponse();
			assertThat(outcomes(RoutingReceipt.from(response).orElseThrow()))
				.containsExactly("main-primary=FAILED(TRANSIENT)", "main-secondary=SUCCESS");
			assertThat(sim.requests("primary"))
				.as("one routing attempt, four HTTP calls (Spring AI's default 3 retries)")
				.hasSize(4);
			assertThat(RoutingReceipt.from(response).orElseThrow().attempts())
				.as("each attempt says how many retries its client may have hidden in it")
				.extracting(Attempt::clientMaxRetries)
				.containsExactly(3, 3);
		});
		assertThat(output).contains("WARN")
			.contains("ChatModel 'openAiChatModel' (used by llm.tiers.main.models[0].chat-model, "
					+ "llm.tiers.main.models[1].chat-model) retries failed calls 3 times")
			.contains("spring.ai.openai.max-retries=0");
	}

	@Test
	void withRetriesOffThereIsNoWarningAndOneCallPerAttempt(CapturedOutput output) {
		runner().withPropertyValues("spring.ai.openai.max-retries=0").run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class).prompt().user("hi").call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("from the secondary");
			assertThat(sim.requests("primary")).hasSize(1);
			assertThat(RoutingReceipt.from(response).orElseThrow().attempts()).extracting(Attempt::clientMaxRetries)
				.containsExactly(0, 0);
		});
		assertThat(output).doesNotContain("retries failed calls");
	}

}
