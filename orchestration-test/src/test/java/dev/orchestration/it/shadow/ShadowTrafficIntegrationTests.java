package dev.orchestration.it.shadow;

import java.time.Duration;
import java.util.List;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationMetricsAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.shadow.ShadowAdministration;
import dev.orchestration.shadow.ShadowComparison;
import dev.orchestration.shadow.internal.ShadowMetrics;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Shadow traffic over real HTTP: the live tier "small" is an OpenAI model and the
 * candidate policy routes to "large", an Anthropic model, both served by the
 * {@link ProviderSimulator}. The caller's answer never changes and never waits for the
 * candidate; the comparison shows in meters and on {@code /actuator/llm-routes}.
 */
class ShadowTrafficIntegrationTests {

	/** Latency of the candidate's simulated model. */
	private static final Duration SLOW = Duration.ofSeconds(2);

	/**
	 * 30 prompt + 10 completion tokens at 1/2 USD per million (small) and 10/30 (large).
	 */
	private static final double LIVE_COST = (30 * 1 + 10 * 2) / 1e6;

	private static final double CANDIDATE_COST = (30 * 10 + 10 * 30) / 1e6;

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	@BeforeEach
	void resetSimulator() {
		sim.model("sim-small").answer("Paris is the capital of France.").usage(30, 10);
		sim.model("sim-large").answer("paris is the capital of france").usage(30, 10);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					OrchestrationAutoConfiguration.class, OrchestrationShadowAutoConfiguration.class,
					OrchestrationEndpointAutoConfiguration.class, OrchestrationMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("openAiChatModel", OpenAiChatModel.class,
					() -> OpenAiChatModel.builder()
						.options(OpenAiChatOptions.builder()
							.baseUrl(sim.baseUrl())
							.apiKey("test-key")
							.model("openai-default")
							.maxRetries(0)
							.timeout(Duration.ofSeconds(10))
							.build())
						.build())
			.withBean("anthropicChatModel", AnthropicChatModel.class,
					() -> AnthropicChatModel.builder()
						.options(AnthropicChatOptions.builder()
							.baseUrl(sim.baseUrl())
							.apiKey("test-key")
							.model("anthropic-default")
							.maxTokens(256)
							.maxRetries(0)
							.timeout(Duration.ofSeconds(10))
							.build())
						.build())
			.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel",
					"llm.tiers.small.models[0].model=sim-small", "llm.tiers.small.models[0].price.input-per-million=1",
					"llm.tiers.small.models[0].price.output-per-million=2",
					"llm.tiers.large.models[0].chat-model=anthropicChatModel",
					"llm.tiers.large.models[0].model=sim-large", "llm.tiers.large.models[0].price.input-per-million=10",
					"llm.tiers.large.models[0].price.output-per-million=30", "llm.routing.default-tier=small",
					"management.endpoints.web.exposure.include=*");
	}

	private ApplicationContextRunner shadowing(String... more) {
		return runner()
			.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.sample-rate=1", "llm.shadow.max-cost-per-day=1",
					"llm.shadow.candidate.routing.default-tier=large")
			.withPropertyValues(more);
	}

	@Test
	void shadowTrafficNeverChangesOrDelaysTheResponseAndRecordsTheComparison() {
		sim.model("sim-large").latency(SLOW);
		ChatResponse[] withoutShadow = new ChatResponse[1];
		runner().run((context) -> withoutShadow[0] = ask(context, "What is the capital of France?"));
		sim.reset();
		sim.model("sim-small").answer("Paris is the capital of France.").usage(30, 10);
		sim.model("sim-large").answer("paris is the capital of france").usage(30, 10).latency(SLOW);

		shadowing().run((context) -> {
			long start = System.nanoTime();
			ChatResponse response = ask(context, "What is the capital of France?");
			long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(elapsedMillis).as("the live call does not wait for the 2 s candidate")
				.isLessThan(SLOW.toMillis() - 500);
			assertThat(response.getResult().getOutput().getText())
				.isEqualTo(withoutShadow[0].getResult().getOutput().getText())
				.isEqualTo("Paris is the capital of France.");
			assertSameReceipt(RoutingReceipt.from(response).orElseThrow(),
					RoutingReceipt.from(withoutShadow[0]).orElseThrow());

			ShadowAdministration.Report report = awaitResult(context, ShadowMetrics.COMPARED, 1);
			assertThat(sim.requests("sim-large")).hasSize(1);
			ShadowComparison comparison = report.recentComparisons().get(0);
			assertThat(comparison.liveTier()).isEqualTo("small");
			assertThat(comparison.candidateTier()).isEqualTo("large");
			assertThat(comparison.agreed()).as("equal after TEXT normalisation").isTrue();
			assertThat(comparison.liveCost()).isCloseTo(LIVE_COST, within(1e-12));
			assertThat(comparison.candidateCost()).isCloseTo(CANDIDATE_COST, within(1e-12));
			assertThat(comparison.candidateLatencyMillis()).isGreaterThanOrEqualTo(SLOW.toMillis());
			assertThat(comparison.liveLatencyMillis()).isLessThan(comparison.candidateLatencyMillis());
			assertThat(report.aggregates().agreementRate()).isEqualTo(1.0);
			assertThat(report.aggregates().costRatio()).isCloseTo(CANDIDATE_COST / LIVE_COST, within(1e-9));
			assertThat(report.aggregates().candidateP50Millis()).isGreaterThanOrEqualTo(SLOW.toMillis());
			assertThat(report.spentToday()).isCloseTo(CANDIDATE_COST, within(1e-12));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(count(meters, "llm.shadow.requests", "result", "compared")).isEqualTo(1);
			assertThat(count(meters, "llm.shadow.agreement", "result", "agree")).isEqualTo(1);
			assertThat(count(meters, "llm.shadow.cost", "policy", "live")).isCloseTo(LIVE_COST, within(1e-12));
			assertThat(count(meters, "llm.shadow.cost", "policy", "candidate")).isCloseTo(CANDIDATE_COST,
					within(1e-12));
			assertThat(meters.get("llm.shadow.latency").tag("policy", "candidate").timer().count()).isEqualTo(1);
			assertThat(meters.get("llm.shadow.latency").tag("policy", "live").timer().count()).isEqualTo(1);
			// the live router's own statistics and meters saw only the live call
			assertThat(count(meters, "llm.requests", "tier", "large")).isZero();
			LlmRoutesEndpoint.RoutesDescriptor routes = context.getBean(LlmRoutesEndpoint.class).routes();
			assertThat(routes.recentDecisions()).hasSize(1);
			assertThat(routes.shadow().candidate().defaultTier()).isEqualTo("large");
		});
	}

	@Test
	void theCostBoundStopsShadowingForTheRestOfTheDay() {
		// one candidate answer (0.0006 USD) reaches the bound
		shadowing("llm.shadow.max-cost-per-day=0.0005").run((context) -> {
			ask(context, "first question");
			awaitResult(context, ShadowMetrics.COMPARED, 1);
			for (int i = 0; i < 3; i++) {
				assertThat(ask(context, "question " + i).getResult().getOutput().getText())
					.isEqualTo("Paris is the capital of France.");
			}
			ShadowAdministration.Report report = awaitResult(context, ShadowMetrics.OVER_BUDGET, 3);
			assertThat(report.overBudget()).isTrue();
			assertThat(report.requests()).containsEntry(ShadowMetrics.COMPARED, 1L);
			assertThat(sim.requests("sim-large")).as("no candidate call once the bound is reached").hasSize(1);
			assertThat(count(context.getBean(MeterRegistry.class), "llm.shadow.requests", "result", "over-budget"))
				.isEqualTo(3);
		});
	}

	@Test
	void aFailingCandidateIsCountedAndHarmless() {
		sim.model("sim-large").failWith(SimulatedError.serverError());
		shadowing().run((context) -> {
			for (int i = 0; i < 3; i++) {
				ChatResponse response = ask(context, "question " + i);
				assertThat(response.getResult().getOutput().getText()).isEqualTo("Paris is the capital of France.");
				assertThat(RoutingReceipt.from(response).orElseThrow().tier()).isEqualTo("small");
			}
			ShadowAdministration.Report report = awaitResult(context, ShadowMetrics.FAILED, 3);
			assertThat(report.recentComparisons()).allSatisfy((comparison) -> {
				assertThat(comparison.succeeded()).isFalse();
				assertThat(comparison.error()).isEqualTo("RoutingFailedException");
			});
			assertThat(report.aggregates().compared()).isZero();
			assertThat(count(context.getBean(MeterRegistry.class), "llm.shadow.requests", "result", "failed"))
				.isEqualTo(3);
			assertThat(sim.requests("sim-small")).hasSize(3);
		});
	}

	@Test
	void sampleRateZeroShadowsNothing() throws InterruptedException {
		shadowing("llm.shadow.sample-rate=0").run((context) -> {
			for (int i = 0; i < 5; i++) {
				ask(context, "question " + i);
			}
			Thread.sleep(300);
			assertThat(sim.requests("sim-large")).isEmpty();
			ShadowAdministration.Report report = context.getBean(LlmRoutesEndpoint.class).routes().shadow();
			assertThat(report.requests().values()).allMatch((count) -> count == 0);
			assertThat(report.recentComparisons()).isEmpty();
		});
	}

	private static ChatResponse ask(ApplicationContext context, String question) {
		return context.getBean(RoutingChatClient.class).prompt(question).call().chatResponse();
	}

	private static ShadowAdministration.Report awaitResult(ApplicationContext context, String result, long count) {
		LlmRoutesEndpoint endpoint = context.getBean(LlmRoutesEndpoint.class);
		await().atMost(Duration.ofSeconds(15)).until(() -> endpoint.routes().shadow().requests().get(result) >= count);
		return endpoint.routes().shadow();
	}

	private static double count(MeterRegistry meters, String name, String... tags) {
		Counter counter = meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** Equal receipts apart from measured latencies. */
	private static void assertSameReceipt(RoutingReceipt actual, RoutingReceipt expected) {
		assertThat(actual.route()).isEqualTo(expected.route());
		assertThat(List.of(actual.tier(), actual.member(), actual.model()))
			.isEqualTo(List.of(expected.tier(), expected.member(), expected.model()));
		assertThat(actual.promptTokens()).isEqualTo(expected.promptTokens());
		assertThat(actual.completionTokens()).isEqualTo(expected.completionTokens());
		assertThat(actual.cost()).isEqualTo(expected.cost());
		assertThat(actual.streamed()).isEqualTo(expected.streamed());
		assertThat(actual.attempts().stream().map((a) -> a.member() + "=" + a.outcome()).toList())
			.isEqualTo(expected.attempts().stream().map((a) -> a.member() + "=" + a.outcome()).toList());
	}

}
