package dev.orchestration.shadow;

import java.time.Duration;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationMetricsAutoConfiguration;
import dev.orchestration.autoconfigure.StartupFailures;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.shadow.internal.ShadowMetrics;
import dev.orchestration.shadow.internal.ShadowTraffic;
import dev.orchestration.shadow.internal.ShadowTrafficAdvisor;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrchestrationShadowAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationShadowAutoConfiguration.class,
				OrchestrationEndpointAutoConfiguration.class, OrchestrationMetricsAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withBean("strongModel", ChatModel.class, () -> new ScriptedChatModel("strong"))
		.withBean(FakeHttpException.Extractor.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.tiers.small.models[0].model=mini",
				"llm.tiers.small.models[0].price.input-per-million=1",
				"llm.tiers.large.models[0].chat-model=strongModel", "llm.tiers.large.models[0].model=big",
				"llm.tiers.large.models[0].price.input-per-million=10", "management.endpoints.web.exposure.include=*");

	@Test
	void shadowTrafficIsOffUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ShadowTraffic.class)
				.doesNotHaveBean(ShadowTrafficAdvisor.class);
			assertThat(context.getBean(LlmRoutesEndpoint.class).routes().shadow()).isNull();
		});
	}

	@Test
	void enabledShadowTrafficComparesWithTheCandidateAndShowsOnTheEndpoint() {
		this.runner.withBean(InjectsByType.class)
			.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.sample-rate=1", "llm.shadow.max-cost-per-day=5",
					"llm.shadow.normalizer=NUMBER", "llm.shadow.candidate.routing.default-tier=small",
					"llm.shadow.candidate.routing.rules[0].when.pattern=(?i)prove",
					"llm.shadow.candidate.routing.rules[0].tier=large")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// the candidate's router and resolver are beans, but not default
				// candidates: by type, the live ones
				assertThat(context.getBean(RoutingChatModel.class)).isSameAs(context.getBean("routingChatModel"));
				assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("routingChatModel"));
				assertThat(context.getBean(InjectsByType.class).resolver())
					.isSameAs(context.getBean("llmRouteResolver"));
				assertThat(context.getBean(OrchestrationShadowAutoConfiguration.ROUTER))
					.isInstanceOf(RoutingChatModel.class)
					.isNotSameAs(context.getBean(RoutingChatModel.class));
				assertThat(context.getBean(OrchestrationShadowAutoConfiguration.RESOLVER))
					.isNotSameAs(context.getBean(InjectsByType.class).resolver());
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				assertThat(client.prompt("please prove it").call().content()).isEqualTo("[cheap] reply");
				ShadowTraffic traffic = context.getBean(ShadowTraffic.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> traffic.results().get(ShadowMetrics.COMPARED) == 1);
				ShadowAdministration.Report report = context.getBean(LlmRoutesEndpoint.class).routes().shadow();
				assertThat(report).isNotNull();
				assertThat(report.candidate().defaultTier()).isEqualTo("small");
				assertThat(report.candidate().rules()).containsExactly("rule[0] pattern=/(?i)prove/ -> large");
				assertThat(report.normalizer()).isEqualTo(AnswerNormalizer.NUMBER.name());
				assertThat(report.requests()).containsEntry(ShadowMetrics.COMPARED, 1L);
				assertThat(report.recentComparisons()).singleElement().satisfies((comparison) -> {
					assertThat(comparison.liveTier()).isEqualTo("small");
					assertThat(comparison.candidateTier()).isEqualTo("large");
					assertThat(comparison.candidateRoute()).contains("rule[0]");
				});
				assertThat(report.aggregates().compared()).isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class)
					.get("llm.shadow.requests")
					.tag("result", "compared")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void sampleRateOutsideZeroToOneFailsStartup() {
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.sample-rate=1.5").run((context) -> {
			InvalidOrchestrationConfigurationException failure = failure(context);
			assertThat(failure.getProperty()).isEqualTo("llm.shadow.sample-rate");
			assertThat(failure.getAction()).contains("between 0");
		});
	}

	@Test
	void negativeCostBoundFailsStartup() {
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.max-cost-per-day=-1")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.shadow.max-cost-per-day"));
	}

	@Test
	void candidateRulesNamingUnknownTiersFailStartup() {
		this.runner
			.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.candidate.routing.rules[0].when.task=code",
					"llm.shadow.candidate.routing.rules[0].tier=huge")
			.run((context) -> {
				InvalidOrchestrationConfigurationException failure = failure(context);
				assertThat(failure.getProperty()).isEqualTo("llm.shadow.candidate.routing.rules[0].tier");
				assertThat(failure.getMessage()).contains("huge").contains("[small, large]");
			});
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.candidate.routing.default-tier=huge")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.shadow.candidate.routing.default-tier"));
		this.runner.withPropertyValues("llm.shadow.enabled=true", "llm.shadow.judge.tier=huge")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.shadow.judge.tier"));
	}

	private static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		return StartupFailures.failure(context);
	}

	/** A user bean that injects the route resolver by type, as an application would. */
	record InjectsByType(RouteResolver resolver) {
	}

}
