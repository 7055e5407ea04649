package dev.orchestration.autoconfigure.cache;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.StartupFailures;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.internal.ExactCacheAdvisor;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.internal.SemanticCacheDefaults;
import dev.orchestration.cache.vectorstore.VectorStoreSemanticIndex;
import dev.orchestration.embedding.BuiltInEmbeddingModel;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestrationCacheAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationCacheAutoConfiguration.class))
		.withBean("model", ChatModel.class, () -> new ScriptedChatModel("model"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=model");

	@Test
	void cachingIsOffUnlessALayerIsEnabled() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ExactCacheAdvisor.class)
			.doesNotHaveBean(SemanticCacheAdvisor.class));
	}

	@Test
	void enabledLayersAreInMemoryByDefaultWithTheMeasuredThresholdAndJoinTheRoutingClient() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryResponseCacheStore.class)
					.hasSingleBean(InMemorySemanticIndex.class)
					.hasSingleBean(OnnxEmbeddingModel.class);
				SemanticCacheAdvisor advisor = context.getBean(SemanticCacheAdvisor.class);
				assertThat(advisor.getEmbeddingModel()).isInstanceOfSatisfying(OnnxEmbeddingModel.class,
						(model) -> assertThat(model.model()).isEqualTo(SemanticCacheDefaults.MODEL));
				assertThat(advisor.getThreshold())
					.isEqualTo(SemanticCacheDefaults.threshold(SemanticCacheDefaults.MODEL));
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				client.prompt("same question").call().content();
				client.prompt("same question").call().content();
				assertThat(((ScriptedChatModel) context.getBean("model")).prompts()).hasSize(1);
			});
	}

	@Test
	void theLocalIndexSearchesExactlyUnlessApproximateSearchIsChosen() {
		this.runner.withPropertyValues("llm.cache.semantic.enabled=true")
			.run((context) -> assertThat(context.getBean(InMemorySemanticIndex.class).searchProbes()).isZero());
		this.runner
			.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.search=approximate",
					"llm.cache.semantic.search-probes=16")
			.run((context) -> assertThat(context.getBean(InMemorySemanticIndex.class).searchProbes()).isEqualTo(16));
	}

	@Test
	void aBuiltInEmbeddingModelIsSelectedByItsId() {
		this.runner
			.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.embedding-model=e5-small-v2")
			.run((context) -> assertThat(context.getBean(SemanticCacheAdvisor.class).getEmbeddingModel())
				.isInstanceOfSatisfying(OnnxEmbeddingModel.class,
						(model) -> assertThat(model.model()).isEqualTo(BuiltInEmbeddingModel.E5_SMALL_V2)));
		this.runner
			.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.embedding-model=no-such-model")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.cache.semantic.embedding-model"));
	}

	@Test
	void theSemanticIndexCanBeASpringAiVectorStore() {
		this.runner.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.index=vector-store")
			.withBean(VectorStore.class, () -> SimpleVectorStore.builder(new OnnxEmbeddingModel()).build())
			.run((context) -> assertThat(context.getBean(SemanticIndex.class))
				.isInstanceOf(VectorStoreSemanticIndex.class));
	}

	@Test
	void aVectorStoreIndexWithoutAVectorStoreFailsStartUp() {
		this.runner.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.index=vector-store")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.cache.semantic.vector-store"));
	}

	@Test
	void aThresholdOutsideZeroToOneFailsStartUp() {
		this.runner.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.similarity-threshold=1.5")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.cache.semantic.similarity-threshold"));
	}

	@Test
	void anUnknownEmbeddingModelFailsStartUp() {
		this.runner
			.withPropertyValues("llm.cache.semantic.enabled=true", "llm.cache.semantic.embedding-model=openAiEmbedding")
			.run((context) -> assertThat(failure(context).getMessage()).contains("openAiEmbedding"));
	}

	@Test
	void aRedisStoreWithoutRedisFailsStartUp() {
		this.runner.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.store=redis")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.cache.store"));
	}

	private static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		return StartupFailures.failure(context);
	}

}
