package dev.orchestration.it;

import java.time.Duration;
import java.util.List;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-member circuit breakers configured through {@code llm.resilience.breaker.*}, driven
 * by real HTTP failures.
 */
class CircuitBreakerIntegrationTests {

	private static final Duration WAIT_IN_OPEN = Duration.ofMillis(500);

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withPropertyValues(
				props(member("main", 0, "openAiChatModel", "flaky"), member("main", 1, "anthropicChatModel", "steady"),
						new String[] { "llm.resilience.breaker.minimum-number-of-calls=2",
								"llm.resilience.breaker.sliding-window-size=2",
								"llm.resilience.breaker.failure-rate-threshold=50",
								"llm.resilience.breaker.wait-duration-in-open-state=" + WAIT_IN_OPEN.toMillis() + "ms",
								"llm.resilience.breaker.permitted-number-of-calls-in-half-open-state=2" }));

	@Test
	void breakerOpensAfterConfiguredFailuresSkipsTheMemberThenClosesAfterHalfOpenTrials() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky");
			assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(2);

			for (int i = 0; i < 2; i++) {
				assertThat(outcomes(call(client))).containsExactly("main-flaky=FAILED(TRANSIENT)",
						"main-steady=SUCCESS");
			}
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(sim.requests("flaky")).hasSize(2);

			RoutingReceipt skipped = call(client);
			assertThat(outcomes(skipped)).containsExactly("main-flaky=BREAKER_OPEN", "main-steady=SUCCESS");
			assertThat(skipped.attempts().get(0).latencyMillis()).isZero();
			assertThat(sim.requests("flaky")).as("no HTTP call while the breaker is open").hasSize(2);

			sim.model("flaky").failWith(null); // the provider recovers
			sleep(WAIT_IN_OPEN.plusMillis(150));
			RoutingReceipt trial = call(client);
			assertThat(outcomes(trial)).containsExactly("main-flaky=SUCCESS");
			assertThat(breaker.getState()).as("one of two permitted half-open calls")
				.isEqualTo(CircuitBreaker.State.HALF_OPEN);

			assertThat(outcomes(call(client))).containsExactly("main-flaky=SUCCESS");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(sim.requests("flaky")).hasSize(4);
			assertThat(sim.requests("steady")).hasSize(3);
		});
	}

	@Test
	void failedHalfOpenTrialsReopenTheBreaker() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky");
			call(client);
			call(client);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

			sleep(WAIT_IN_OPEN.plusMillis(150));
			assertThat(outcomes(call(client))).containsExactly("main-flaky=FAILED(TRANSIENT)", "main-steady=SUCCESS");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
			assertThat(outcomes(call(client))).containsExactly("main-flaky=FAILED(TRANSIENT)", "main-steady=SUCCESS");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(outcomes(call(client))).containsExactly("main-flaky=BREAKER_OPEN", "main-steady=SUCCESS");
			assertThat(sim.requests("flaky")).hasSize(4);
		});
	}

	@Test
	void requestErrorsThatSayNothingAboutTheProviderDoNotOpenTheBreaker() {
		// a content-policy refusal (400) with no fallback tier: next member, but the
		// breaker counts it as a success
		sim.model("flaky").failWith(SimulatedError.contentPolicy());
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky");
			for (int i = 0; i < 4; i++) {
				assertThat(outcomes(call(client))).containsExactly("main-flaky=FAILED(CONTENT_POLICY)",
						"main-steady=SUCCESS");
			}
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
			assertThat(sim.requests("flaky")).hasSize(4);
		});
	}

	@Test
	void resilience4jInstanceSettingsOverrideTheLlmDefaultsForOneMember() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		this.runner
			.withPropertyValues("resilience4j.circuitbreaker.instances.main-flaky.sliding-window-size=1",
					"resilience4j.circuitbreaker.instances.main-flaky.minimum-number-of-calls=1",
					"resilience4j.circuitbreaker.instances.main-flaky.wait-duration-in-open-state=60s")
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky");
				assertThat(outcomes(call(client))).containsExactly("main-flaky=FAILED(TRANSIENT)",
						"main-steady=SUCCESS");
				assertThat(breaker.getState()).as("opened after one failure").isEqualTo(CircuitBreaker.State.OPEN);
				assertThat(outcomes(call(client))).containsExactly("main-flaky=BREAKER_OPEN", "main-steady=SUCCESS");
			});
	}

	@Test
	void openBreakerAlsoSkipsTheMemberForStreams() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		sim.model("steady").answer("streamed by steady");
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			call(client);
			call(client);
			assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky").getState())
				.isEqualTo(CircuitBreaker.State.OPEN);
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("stream it"))
				.collectList()
				.block(Duration.ofSeconds(10));
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.streamed()).isTrue();
			assertThat(outcomes(receipt)).containsExactly("main-flaky=BREAKER_OPEN", "main-steady=SUCCESS");
			assertThat(sim.requests("flaky")).hasSize(2);
		});
	}

	@Test
	void streamsCancelledByTheCallerAfterFailoverDoNotCountAsSuccessesOfTheFailedMember() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		sim.model("steady").answer("one two three four five six");
		// 60 %: two failures in a window of two open the breaker; one failure and one
		// success do not
		this.runner.withPropertyValues("llm.resilience.breaker.failure-rate-threshold=60").run((context) -> {
			RoutingChatModel router = context.getBean(RoutingChatModel.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("main-flaky");
			for (int i = 0; i < 2; i++) {
				// the caller reads two chunks and goes away (for example a closed SSE
				// connection)
				List<ChatResponse> firstChunks = router.stream(new Prompt("stream " + i))
					.take(2)
					.collectList()
					.block(Duration.ofSeconds(10));
				assertThat(firstChunks).hasSize(2);
			}
			assertThat(sim.requests("flaky")).hasSize(2);
			assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls())
				.as("flaky never answered; successes recorded on its breaker")
				.isZero();
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		});
	}

	private static RoutingReceipt call(RoutingChatClient client) {
		return receipt(client.prompt().user("hello").call().chatResponse());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
