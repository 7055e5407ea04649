package dev.orchestration.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.classify.OrchestrationClassifierAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code llm.*} values fail start-up once, at bind time, with the property and the
 * fix (issue 15's silent bad configurations among them).
 */
class BindTimeValidationTests {

	private static final String ONE_TIER = "llm.tiers.small.models[0].chat-model=cheapModel";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationCacheAutoConfiguration.class,
				OrchestrationBudgetAutoConfiguration.class, OrchestrationCascadeAutoConfiguration.class,
				OrchestrationClassifierAutoConfiguration.class, OrchestrationShadowAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues(ONE_TIER);

	@Test
	void validConfigurationStarts() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RoutingChatModel.class));
	}

	@Test
	void aTierWithoutAModelsKeyFailsStartup() {
		this.runner.withPropertyValues("llm.tiers.large.chat-model=cheapModel")
			.run((context) -> assertFails(context, "llm.tiers.large.models", "add at least one member"));
	}

	@Test
	void anEmptyYamlTierFailsStartup() {
		this.runner.withInitializer((context) -> yaml(context, "llm:\n  tiers:\n    large:\n"))
			.run((context) -> assertFails(context, "llm.tiers.large.models", "add at least one member"));
	}

	@Test
	void aTierWithAnEmptyModelsListFailsStartup() {
		this.runner.withInitializer((context) -> yaml(context, "llm:\n  tiers:\n    large:\n      models: []\n"))
			.run((context) -> assertFails(context, "llm.tiers.large.models", "add at least one member"));
	}

	@Test
	void approximateSearchProbesOutsideTheClustersFailStartup() {
		this.runner
			.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.search=approximate",
					"llm.cache.semantic.search-probes=0")
			.run((context) -> assertFails(context, "llm.cache.semantic.search-probes", "set 1 to 128"));
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.search=nearest")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("nearest"));
	}

	@Test
	void aNegativeTimeLimitFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.time-limit=-1s")
			.run((context) -> assertFails(context, "llm.resilience.time-limit", "greater than zero"));
	}

	@Test
	void aZeroDeadlineFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.deadline=0s")
			.run((context) -> assertFails(context, "llm.resilience.deadline", "longest a request may take"));
	}

	@Test
	void aNegativeStreamStallTimeoutFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.stream-stall-timeout=-5s")
			.run((context) -> assertFails(context, "llm.resilience.stream-stall-timeout", "without a chunk"));
	}

	@Test
	void aZeroTimeLimitFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.time-limit=0s")
			.run((context) -> assertFails(context, "llm.resilience.time-limit", "greater than zero"));
	}

	@Test
	void aNegativeCoolDownFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.rate-limit-cooldown=-5s")
			.run((context) -> assertFails(context, "llm.resilience.rate-limit-cooldown", "0 or more"));
	}

	@Test
	void aBreakerFailureRateAbove100FailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.failure-rate-threshold=150")
			.run((context) -> assertFails(context, "llm.resilience.breaker.failure-rate-threshold", "at most 100"));
	}

	@Test
	void aBreakerFailureRateOfZeroFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.failure-rate-threshold=0")
			.run((context) -> assertFails(context, "llm.resilience.breaker.failure-rate-threshold", "greater than 0"));
	}

	@Test
	void aBreakerWindowOfZeroCallsFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.sliding-window-size=0")
			.run((context) -> assertFails(context, "llm.resilience.breaker.sliding-window-size", "1 or more"));
	}

	@Test
	void aBreakerMinimumOfZeroCallsFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.minimum-number-of-calls=0")
			.run((context) -> assertFails(context, "llm.resilience.breaker.minimum-number-of-calls", "1 or more"));
	}

	@Test
	void aBreakerWithoutHalfOpenTrialCallsFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.permitted-number-of-calls-in-half-open-state=0")
			.run((context) -> assertFails(context,
					"llm.resilience.breaker.permitted-number-of-calls-in-half-open-state", "1 or more"));
	}

	@Test
	void aBreakerWaitShorterThanAMillisecondFailsStartup() {
		this.runner.withPropertyValues("llm.resilience.breaker.wait-duration-in-open-state=0s")
			.run((context) -> assertFails(context, "llm.resilience.breaker.wait-duration-in-open-state", "1ms"));
	}

	@Test
	void aNegativeMaxInputTokensFailsStartup() {
		this.runner
			.withPropertyValues("llm.routing.rules[0].when.max-input-tokens=-1", "llm.routing.rules[0].tier=small")
			.run((context) -> assertFails(context, "llm.routing.rules[0].when.max-input-tokens", "0 or more"));
	}

	@Test
	void aNegativePriceFailsStartup() {
		this.runner.withPropertyValues("llm.tiers.small.models[0].price.output-per-million=-2")
			.run((context) -> assertFails(context, "llm.tiers.small.models[0].price.output-per-million",
					"USD per million tokens"));
	}

	@Test
	void aClassQualityOutsideZeroToOneFailsStartup() {
		this.runner.withPropertyValues("llm.routing.classes.math.quality.small=1.5")
			.run((context) -> assertFails(context, "llm.routing.classes.math.quality.small", "between 0 and 1"));
	}

	@Test
	void theRetiredWriteSwitchFailsStartupNamingTheAccessProperty() {
		this.runner.withPropertyValues("llm.observability.write-operations-enabled=true")
			.run((context) -> assertFails(context, "llm.observability.write-operations-enabled",
					"management.endpoint.llmroutes.access=unrestricted"));
	}

	@Test
	void aNegativeTtlByTaskFailsStartup() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.ttl-by-task.news=-1m")
			.run((context) -> assertFails(context, "llm.cache.ttl-by-task.news", "0 (never cache this task)"));
	}

	@Test
	void aNegativeCacheTtlFailsStartup() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.exact.ttl=-1h")
			.run((context) -> assertFails(context, "llm.cache.exact.ttl", "greater than zero"));
	}

	@Test
	void aSimilarityThresholdAboveOneFailsStartup() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.similarity-threshold=1.2")
			.run((context) -> assertFails(context, "llm.cache.semantic.similarity-threshold", "between 0 and 1"));
	}

	@Test
	void anUnknownSemanticIndexFailsStartup() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.index=pgvector")
			.run((context) -> assertFails(context, "llm.cache.semantic.index", "[local, vector-store]"));
	}

	@Test
	void aNegativeBudgetLimitFailsStartup() {
		this.runner.withPropertyValues("llm.budget.daily-limit=-1")
			.run((context) -> assertFails(context, "llm.budget.daily-limit", "0 or more"));
	}

	@Test
	void anUnknownBudgetZoneFailsStartup() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", "llm.budget.zone=Mars/Olympus")
			.run((context) -> assertFails(context, "llm.budget.zone", "Europe/Paris"));
	}

	@Test
	void aBudgetAlertThresholdAboveOneFailsStartup() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", "llm.budget.alert-thresholds=0.5,1.5")
			.run((context) -> assertFails(context, "llm.budget.alert-thresholds[1]", "at most 1"));
	}

	@Test
	void aNegativeRedisTimeoutFailsStartup() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", "llm.budget.redis.timeout=-1ms")
			.run((context) -> assertFails(context, "llm.budget.redis.timeout", "greater than zero"));
	}

	@Test
	void aJudgeThresholdAboveOneFailsStartup() {
		this.runner.withPropertyValues("llm.cascade.enabled=true", "llm.cascade.tasks.math.judge-threshold=2")
			.run((context) -> assertFails(context, "llm.cascade.tasks.math.judge-threshold", "between 0 and 1"));
	}

	@Test
	void aNegativeMaxEscalationsFailsStartup() {
		this.runner.withPropertyValues("llm.cascade.enabled=true", "llm.cascade.max-escalations=-1")
			.run((context) -> assertFails(context, "llm.cascade.max-escalations", "0 (verify only)"));
	}

	@Test
	void aClassifierConfidenceFloorAboveOneFailsStartup() {
		this.runner
			.withPropertyValues("llm.routing.classifier.enabled=true", "llm.routing.classifier.confidence-floor=3")
			.run((context) -> assertFails(context, "llm.routing.classifier.confidence-floor", "between 0 and 1"));
	}

	@Test
	void aShadowSampleRateAboveOneFailsStartup() {
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.sample-rate=1.5")
			.run((context) -> assertFails(context, "llm.shadow.sample-rate", "between 0 (shadow nothing) and 1"));
	}

	@Test
	void aShadowWithoutThreadsFailsStartup() {
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.threads=0")
			.run((context) -> assertFails(context, "llm.shadow.threads", "1 or more"));
	}

	@Test
	void everyBadValueIsReportedAtOnce() {
		this.runner.withPropertyValues("llm.resilience.time-limit=-1s", "llm.resilience.breaker.sliding-window-size=0")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("llm.resilience.time-limit")
					.contains("llm.resilience.breaker.sliding-window-size");
			});
	}

	@Test
	void theAnalysisShowsTheValueAndWhereItWasSet() {
		this.runner.withPropertyValues("llm.resilience.time-limit=-1s")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("value \"-1s\""));
	}

	private static void assertFails(AssertableApplicationContext context, String property, String fix) {
		FailureAnalysis analysis = analysis(context);
		assertThat(analysis.getDescription()).as("description").contains("'" + property + "'");
		assertThat(analysis.getAction()).as("action").contains(fix);
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidOrchestrationConfigurationFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("our failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	private static void yaml(ConfigurableApplicationContext context, String yaml) {
		try {
			new YamlPropertySourceLoader()
				.load("test.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test.yml"))
				.forEach((source) -> context.getEnvironment().getPropertySources().addFirst(source));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
