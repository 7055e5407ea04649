package dev.orchestration.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.routing.RoutingChatClient;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two start-up failures a new user meets first explain themselves: no (or a misspelt)
 * {@code llm.tiers}, and no ChatModel bean at all.
 */
class FailureAnalyzersTests {

	private final AtomicReference<Environment> environment = new AtomicReference<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class))
		.withInitializer((context) -> this.environment.set(context.getEnvironment()));

	@Test
	void aMissingLlmTiersNamesThePropertyAndShowsAMinimalExample() {
		this.runner.withUserConfiguration(NeedsTheRouter.class).run((context) -> {
			FailureAnalysis analysis = noTiers(context);
			assertThat(analysis.getDescription()).contains("RoutingChatClient").contains("llm.tiers");
			assertThat(analysis.getAction()).contains("llm:\n  tiers:\n    small:\n      models:")
				.contains("chat-model:");
		});
	}

	@Test
	void aMisspeltLlmTiersIsListed() {
		this.runner.withUserConfiguration(NeedsTheRouter.class)
			.withPropertyValues("llm.tier.small.models[0].chat-model=openAiChatModel")
			.run((context) -> assertThat(noTiers(context).getDescription())
				.contains("llm.tier.small.models[0].chat-model"));
	}

	@Test
	void aDisabledRouterSaysSo() {
		this.runner.withUserConfiguration(NeedsTheRouter.class)
			.withPropertyValues("llm.enabled=false", "llm.tiers.small.models[0].chat-model=x")
			.run((context) -> assertThat(noTiers(context).getDescription()).contains("llm.enabled=false"));
	}

	@Test
	void otherMissingBeansAreLeftToBoot() {
		this.runner.withUserConfiguration(NeedsAString.class)
			.run((context) -> assertThat(
					new NoTiersFailureAnalyzer(this.environment.get()).analyze(context.getStartupFailure()))
				.isNull());
	}

	@Test
	void noChatModelBeanNamesTheSpringAiStartersThatCreateOne() {
		this.runner.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analysis(context);
			assertThat(analysis.getDescription()).contains("llm.tiers.small.models[0].chat-model")
				.contains("no ChatModel bean");
			assertThat(analysis.getAction()).contains("spring-ai-starter-model-openai")
				.contains("spring.ai.openai.api-key")
				.contains("spring-ai-starter-model-anthropic")
				.contains("llm.providers");
		});
	}

	private FailureAnalysis noTiers(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new NoTiersFailureAnalyzer(this.environment.get())
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsTheRouter {

		@Bean
		String assistant(RoutingChatClient client) {
			return "assistant";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsAString {

		@Bean
		Integer number(StringBuilder missing) {
			return 1;
		}

	}

}
