package dev.orchestration.autoconfigure;

import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
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

class OrchestrationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withBean("strongModel", ChatModel.class, () -> new ScriptedChatModel("strong"))
		.withBean(FakeHttpException.Extractor.class);

	private static final String[] TWO_TIERS = { "llm.tiers.small.models[0].chat-model=cheapModel",
			"llm.tiers.small.models[0].model=mini", "llm.tiers.small.models[0].price.input-per-million=0.1",
			"llm.tiers.large.models[0].chat-model=strongModel", "llm.tiers.large.models[0].model=big" };

	@Test
	void whenNoTierIsConfiguredTheRouterBacksOff() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RoutingChatModel.class));
	}

	@Test
	void whenDisabledTheRouterBacksOff() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RoutingChatModel.class));
	}

	@Test
	void tiersProduceARoutingChatClientOverARoutingChatModel() {
		this.runner.withPropertyValues(TWO_TIERS).run((context) -> {
			assertThat(context).hasSingleBean(RoutingChatClient.class);
			RoutingChatModel model = context.getBean(RoutingChatModel.class);
			assertThat(model.getTiers().names()).containsExactly("small", "large");
			assertThat(model.getTiers().get("small").members().get(0).id()).isEqualTo("small-mini");
			assertThat(context.getBean(ChatModel.class)).as("the router is the primary ChatModel").isSameAs(model);
			String answer = context.getBean(RoutingChatClient.class).prompt("hello").call().content();
			assertThat(answer).isEqualTo("[cheap] reply");
		});
	}

	@Test
	void unknownChatModelBeanFailsStartupListingTheBeansThatExist() {
		this.runner.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.tiers.small.models[0].chat-model");
				assertThat(ex.getMessage()).contains("openAiChatModel").contains("[cheapModel, strongModel]");
			}));
	}

	@Test
	void emptyTierFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.tiers.empty.models=")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.tiers.empty.models"));
	}

	@Test
	void duplicateTierFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.tiers[Large].models[0].chat-model=strongModel",
					"llm.tiers[Large].models[0].id=other")
			.run((context) -> assertThat(failure(context).getMessage()).contains("duplicates tier"));
	}

	@Test
	void ruleNamingUnknownTierFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.routing.rules[0].when.task=classification", "llm.routing.rules[0].tier=tiny")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.routing.rules[0].tier");
				assertThat(ex.getAction()).contains("[small, large]");
			}));
	}

	@Test
	void unknownDefaultTierFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.routing.default-tier=medium")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.routing.default-tier"));
	}

	@Test
	void negativePriceFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.tiers.large.models[0].price.output-per-million=-2")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.tiers.large.models[0].price.output-per-million"));
	}

	@Test
	void unparsableRegexFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.routing.rules[0].when.pattern=(unclosed", "llm.routing.rules[0].tier=large")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.routing.rules[0].when.pattern");
				assertThat(ex.getProblem()).contains("not a valid regular expression");
			}));
	}

	@Test
	void aClassPolicyNamingAnUnknownTierFailsStartup() {
		this.runner.withPropertyValues(TWO_TIERS)
			.withPropertyValues("llm.routing.classes.math.quality.medium=0.9")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.routing.classes.math.quality.medium"));
	}

	@Test
	void failureAnalysisNamesThePropertyAndTheFix() {
		this.runner.withPropertyValues("llm.tiers.small.models[0].chat-model=nope").run((context) -> {
			FailureAnalysis analysis = new InvalidOrchestrationConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("llm.tiers.small.models[0].chat-model");
			assertThat(analysis.getAction()).contains("cheapModel");
		});
	}

	private static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		return StartupFailures.failure(context);
	}

}
