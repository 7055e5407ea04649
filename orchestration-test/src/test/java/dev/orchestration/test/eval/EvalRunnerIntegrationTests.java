package dev.orchestration.test.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end: a real {@link RoutingChatClient} (auto-configured from {@code llm.*}
 * properties) over the provider simulator, evaluated with forced-tier baselines, tuned,
 * gated.
 */
class EvalRunnerIntegrationTests {

	private static final Pattern QUESTION = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	@BeforeEach
	void models() {
		// the cheap model gets odd ("hard") sums wrong; the strong one is always right
		this.sim.model("cheap").answers((request) -> answer(request.lastUserMessage(), false));
		this.sim.model("strong").answers((request) -> answer(request.lastUserMessage(), true));
	}

	private static String answer(String question, boolean strong) {
		Matcher m = QUESTION.matcher(question);
		if (!m.find()) {
			return "I don't know";
		}
		int a = Integer.parseInt(m.group(1));
		int sum = a + Integer.parseInt(m.group(2));
		return "The answer is " + ((strong || a % 2 == 0) ? sum : sum + 1) + ".";
	}

	private ApplicationContextRunner runner(String... rules) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
							Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class))
			.withBean("openAiChatModel", OpenAiChatModel.class,
					() -> OpenAiChatModel.builder()
						.options(OpenAiChatOptions.builder()
							.baseUrl(sim.baseUrl())
							.apiKey("test-key")
							.model("openai-default")
							.maxRetries(0)
							.timeout(Duration.ofSeconds(5))
							.build())
						.build())
			.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel",
					"llm.tiers.small.models[0].model=cheap", "llm.tiers.small.models[0].price.input-per-million=1",
					"llm.tiers.small.models[0].price.output-per-million=2",
					"llm.tiers.large.models[0].chat-model=openAiChatModel", "llm.tiers.large.models[0].model=strong",
					"llm.tiers.large.models[0].price.input-per-million=10",
					"llm.tiers.large.models[0].price.output-per-million=30", "llm.routing.default-tier=small")
			.withPropertyValues(rules);
	}

	@Test
	void evaluatesTunesAndGatesARealRoutingChatClient() {
		EvalDataset dataset = EvalRunnerTests.arithmetic().limit(20);
		EvalRunner evalRunner = EvalRunner.builder(Grader.numeric()).parallelism(4).progressTo(null).build();
		List<EvalReport> reports = new ArrayList<>();

		// 1. no rules: everything goes to the default (small) tier; baselines force each
		// tier
		runner().run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			reports.add(evalRunner.evaluate(dataset, "default-only", client, List.of("small", "large")));
		});
		EvalReport untuned = reports.get(0);
		assertThat(untuned.metrics().passRate()).isEqualTo(0.5);
		assertThat(untuned.metrics().tierShares()).containsEntry("small", 1.0);
		assertThat(untuned.run("tier:large").metrics().passRate()).isEqualTo(1.0);
		assertThat(untuned.run("tier:large").metrics().tierShares()).containsEntry("large", 1.0);
		assertThat(untuned.run("tier:large").metrics().costPerRequest())
			.isGreaterThan(5 * untuned.run("tier:small").metrics().costPerRequest());
		assertThat(untuned.primary().cases()).allSatisfy((c) -> {
			assertThat(c.model()).isEqualTo("cheap");
			assertThat(c.cost()).isPositive();
			assertThat(c.latencyMillis()).isPositive();
		});

		// 2. the tuner proposes per-task tiers from the forced-tier runs
		RoutingTuner.Proposal proposal = RoutingTuner.withinPointsOfBest(5)
			.propose(java.util.Map.of("small", untuned.run("tier:small"), "large", untuned.run("tier:large")));
		assertThat(proposal.tierFor("easy")).isEqualTo("small");
		assertThat(proposal.tierFor("hard")).isEqualTo("large");
		assertThat(proposal.toYaml()).contains("task: hard");

		// 3. the proposed rules, applied as configuration, reach the large tier's quality
		// at a lower cost
		List<String> rules = new ArrayList<>();
		for (int i = 0; i < proposal.rules().size(); i++) {
			rules.add("llm.routing.rules[" + i + "].tier=" + proposal.rules().get(i).tier());
			rules.add("llm.routing.rules[" + i + "].when.task=" + proposal.rules().get(i).task());
		}
		runner(rules.toArray(String[]::new)).run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			reports.add(evalRunner.evaluate(dataset, Policy.of("tuned", client)));
			reports.add(evalRunner.evaluate(dataset, Policy.forcedTier("forced-small", client, "small")));
		});
		EvalReport tuned = reports.get(1);
		assertThat(tuned.metrics().passRate()).isEqualTo(1.0);
		assertThat(tuned.metrics().tierShares()).containsEntry("small", 0.5).containsEntry("large", 0.5);
		assertThat(tuned.metrics().costPerSuccess()).isLessThan(untuned.run("tier:large").metrics().costPerSuccess());

		// 4. the gate: the tuned configuration is the baseline; forcing the small tier
		// fails it
		EvalBaseline baseline = EvalBaseline.of(tuned);
		EvalGate.assertThat(tuned).passRateNotBelow(baseline, 1.0).costPerSuccessNotAbove(baseline, 1.05);
		assertThatThrownBy(() -> EvalGate.assertThat(reports.get(2)).passRateNotBelow(baseline, 1.0))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("policy 'forced-small'")
			.hasMessageContaining("50.00 points below");
	}

}
