package dev.orchestration.autoconfigure.drift;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.StartupFailures;
import dev.orchestration.drift.DriftCheckState;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.DriftRun;
import dev.orchestration.drift.internal.DriftExclusions;
import dev.orchestration.drift.internal.DriftHealthIndicator;
import dev.orchestration.drift.internal.PassiveDriftMonitor;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestrationDriftAutoConfigurationTests {

	private static final String C = "llm.drift.checks.spam.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class,
						OrchestrationDriftAutoConfiguration.class, OrchestrationDriftHealthAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap").answer((prompt) -> "spam"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel");

	@Test
	void driftIsOnByDefaultWithPassiveDriftAndTheLlmdriftHealth() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DriftMonitor.class)
			.hasSingleBean(DriftExclusions.class)
			.hasSingleBean(PassiveDriftMonitor.class)
			.hasBean("llmdriftHealthIndicator"));
	}

	@Test
	void driftIsSwitchedOffByLlmDriftEnabledAndItsHealthByManagementHealthLlmdriftEnabled() {
		this.runner.withPropertyValues("llm.drift.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DriftMonitor.class)
				.doesNotHaveBean(DriftHealthIndicator.class));
		this.runner.withPropertyValues("management.health.llmdrift.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DriftMonitor.class)
				.doesNotHaveBean(DriftHealthIndicator.class));
	}

	@Test
	void aJsonLinesEvalSetIsReadAndRunAgainstTheTier() {
		this.runner
			.withPropertyValues(C + "tier=small", C + "interval=1h", C + "initial-delay=1h",
					C + "eval-set=classpath:drift/spam-check.jsonl")
			.run((context) -> {
				DriftRun run = context.getBean(DriftMonitor.class).run("spam");
				assertThat(run.score()).as("the model says spam to both").isEqualTo(0.5);
				assertThat(run.servedBy()).containsEntry("small", 2);
				DriftCheckState state = context.getBean(DriftMonitor.class).states().get(0);
				assertThat(state.baseline()).isEqualTo(0.5);
				assertThat(state.status()).isEqualTo("ok");
			});
	}

	@Test
	void anUnknownTierFailsStartupNamingThePropertyAndTheTiers() {
		this.runner.withPropertyValues(C + "tier=gigantic", C + "interval=1h", C + "cases[0].prompt=hi")
			.run((context) -> assertFails(context, C + "tier", "[small]"));
	}

	@Test
	void anUnknownGraderFailsStartupNamingThePropertyAndTheChoices() {
		this.runner
			.withPropertyValues(C + "tier=small", C + "interval=1h", C + "cases[0].prompt=hi", C + "grader=judgy")
			.run((context) -> assertFails(context, C + "grader", "exact, contains, regex"));
	}

	@Test
	void anUnreadableEvalSetFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues(C + "tier=small", C + "interval=1h", C + "eval-set=classpath:drift/missing.jsonl")
			.run((context) -> assertFails(context, C + "eval-set", "readable JSON lines"));
	}

	@Test
	void bindTimeChecksNameTheProperty() {
		this.runner
			.withPropertyValues(C + "tier=small", C + "interval=1h", C + "cron=0 0 * * * *", C + "cases[0].prompt=hi")
			.run((context) -> assertBindFailure(context, "checks.spam.interval"));
		this.runner.withPropertyValues(C + "cron=not a cron", C + "tier=small", C + "cases[0].prompt=hi")
			.run((context) -> assertBindFailure(context, "checks.spam.cron"));
		this.runner.withPropertyValues(C + "interval=1h", C + "cases[0].prompt=hi")
			.run((context) -> assertBindFailure(context, "checks.spam.tier"));
		this.runner.withPropertyValues(C + "tier=small", C + "interval=1h")
			.run((context) -> assertBindFailure(context, "checks.spam.cases"));
		this.runner.withPropertyValues(C + "tier=small", C + "interval=1h", C + "cases[0].prompt=hi", C + "max-drop=0")
			.run((context) -> assertBindFailure(context, "checks.spam.max-drop"));
	}

	private static void assertFails(AssertableApplicationContext context, String property, String fix) {
		FailureAnalysis analysis = StartupFailures.analysis(context);
		assertThat(analysis.getDescription()).contains("'" + property + "'");
		assertThat(analysis.getAction()).contains(fix);
	}

	private static void assertBindFailure(AssertableApplicationContext context, String field) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(field);
	}

}
