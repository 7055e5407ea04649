package dev.orchestration.autoconfigure;

import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.classify.OrchestrationClassifierAutoConfiguration;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding model (ONNX Runtime, tokenizer, model) is optional: the router starts
 * without it, and the two features that need it fail start-up naming the dependency to
 * add.
 */
class EmbeddingsDependencyTests {

	private static final String STARTER = "dev.orchestration:orchestration-embeddings-spring-boot-starter";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class,
						OrchestrationCacheAutoConfiguration.class, OrchestrationClassifierAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel")
		.withClassLoader(new FilteredClassLoader("dev.langchain4j", "ai.onnxruntime", "ai.djl"));

	@Test
	void theRouterAndTheExactCacheStartWithoutTheEmbeddingModel() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RoutingChatModel.class));
	}

	@Test
	void theSemanticCacheWithoutTheEmbeddingModelFailsStartupNamingTheStarter() {
		this.runner.withPropertyValues("llm.cache.semantic.enabled=true").run((context) -> {
			InvalidOrchestrationConfigurationException failure = StartupFailures.failure(context);
			assertThat(failure.getProperty()).isEqualTo("llm.cache.semantic.embedding-model");
			assertThat(failure.getAction()).contains(STARTER);
		});
	}

	@Test
	void theClassifierWithoutTheEmbeddingModelFailsStartupNamingTheStarter() {
		this.runner
			.withPropertyValues("llm.routing.classifier.enabled=true",
					"llm.routing.classifier.classes.code.examples[0]=write a function",
					"llm.routing.classifier.classes.chat.examples[0]=hello there")
			.run((context) -> {
				InvalidOrchestrationConfigurationException failure = StartupFailures.failure(context);
				assertThat(failure.getProperty()).isEqualTo("llm.routing.classifier.embedding-model");
				assertThat(failure.getAction()).contains(STARTER);
			});
	}

}
