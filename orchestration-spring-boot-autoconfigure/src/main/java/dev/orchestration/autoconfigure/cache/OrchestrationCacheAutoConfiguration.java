package dev.orchestration.autoconfigure.cache;

import java.time.Clock;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.internal.EmbeddingModelConfiguration;
import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.cache.CacheKeyStrategy;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.DefaultCacheKeyStrategy;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cache.internal.ExactCacheAdvisor;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import dev.orchestration.cache.redis.RedisResponseCacheStore;
import dev.orchestration.cache.redis.RedisSemanticIndex;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.cache.semantic.RouterSameQuestionCheck;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.TextOverlapVerifier;
import dev.orchestration.cache.semantic.internal.AdaptiveThresholds;
import dev.orchestration.cache.semantic.internal.GrayZone;
import dev.orchestration.cache.semantic.internal.SemanticCacheDefaults;
import dev.orchestration.cache.semantic.internal.SimilarityThresholds;
import dev.orchestration.cache.vectorstore.VectorStoreSemanticIndex;
import dev.orchestration.embedding.internal.EmbeddingWindow;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import dev.orchestration.redis.internal.RedisGuard;
import dev.orchestration.routing.RoutingChatModel;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The exact and semantic caches in front of the router, in memory by default or on Redis
 * with {@code llm.cache.store=redis}. Each layer is on only when
 * {@code llm.cache.exact.enabled} or {@code llm.cache.semantic.enabled} is set.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(RoutingChatModel.class)
@Conditional(OrchestrationCacheAutoConfiguration.AnyLayerEnabled.class)
@EnableConfigurationProperties(OrchestrationCacheProperties.class)
public final class OrchestrationCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CacheKeyStrategy llmCacheKeyStrategy() {
		return new DefaultCacheKeyStrategy();
	}

	/**
	 * The application's cache meters, or meters on an empty composite when there is no
	 * MeterRegistry (then the endpoint's hit counts read 0).
	 */
	static CacheMetrics metrics(ObjectProvider<CacheMetrics> metrics) {
		return metrics.getIfAvailable(() -> new CacheMetrics(new CompositeMeterRegistry()));
	}

	@Bean
	@ConditionalOnMissingBean(ResponseCacheStore.class)
	@ConditionalOnProperty(prefix = "llm.cache", name = "store", havingValue = "memory", matchIfMissing = true)
	InMemoryResponseCacheStore llmResponseCacheStore(OrchestrationCacheProperties properties,
			ObjectProvider<CacheMetrics> metrics) {
		InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(Clock.systemUTC(),
				properties.getMemory().getMaxEntries(), properties.getMemory().getMaxSize().toBytes());
		metrics(metrics).bind("store", store);
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	CacheAdministration llmCacheAdministration(OrchestrationCacheProperties properties, ResponseCacheStore store,
			ObjectProvider<SemanticIndex> semanticIndex, ObjectProvider<CacheMetrics> metrics) {
		return new CacheAdministration(properties.getStore().name().toLowerCase(java.util.Locale.ROOT), store,
				semanticIndex.getIfAvailable(), metrics(metrics));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "llm.cache.exact", name = "enabled", havingValue = "true")
	ExactCacheAdvisor llmExactCacheAdvisor(OrchestrationCacheProperties properties, ResponseCacheStore store,
			CacheKeyStrategy keys, ObjectProvider<CacheMetrics> metrics) {
		return new ExactCacheAdvisor(store, keys,
				new CachePolicy(properties.getExact().getTtl(), properties.getTtlByTask()), metrics(metrics),
				Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "enabled", havingValue = "true")
	@Import(EmbeddingModelConfiguration.class)
	static class Semantic {

		@Bean
		@ConditionalOnMissingBean(SemanticIndex.class)
		@ConditionalOnProperty(prefix = "llm.cache", name = "store", havingValue = "memory", matchIfMissing = true)
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "index", havingValue = "local",
				matchIfMissing = true)
		InMemorySemanticIndex llmSemanticIndex(OrchestrationCacheProperties properties) {
			return localSemanticIndex(properties.getSemantic());
		}

		@Bean
		@ConditionalOnMissingBean
		SemanticCacheAdvisor llmSemanticCacheAdvisor(OrchestrationCacheProperties properties, ResponseCacheStore store,
				SemanticIndex index, CacheKeyStrategy keys, ObjectProvider<CacheMetrics> metrics,
				BeanFactory beanFactory, ObjectProvider<RoutingChatModel> router) {
			OrchestrationCacheProperties.Semantic semantic = properties.getSemantic();
			EmbeddingModel embeddingModel = embeddingModel(beanFactory, semantic.getEmbeddingModel());
			double threshold = (semantic.getSimilarityThreshold() != null) ? semantic.getSimilarityThreshold()
					: (embeddingModel instanceof OnnxEmbeddingModel onnx)
							? SemanticCacheDefaults.threshold(onnx.model())
							: SemanticCacheDefaults.SIMILARITY_THRESHOLD;
			if (threshold <= 0 || threshold > 1) {
				throw new InvalidOrchestrationConfigurationException("llm.cache.semantic.similarity-threshold",
						"the threshold " + threshold + " is outside (0, 1]",
						"set a cosine similarity between 0 and 1; docs/semantic-cache.md shows hit and false-hit rates per threshold");
			}
			CandidateVerifier verifier = semantic.isVerify() ? new TextOverlapVerifier() : CandidateVerifier.ACCEPT_ALL;
			GrayZone grayZone = grayZone(semantic, threshold, router);
			return new SemanticCacheAdvisor(store, index, embeddingModel, window(semantic, embeddingModel),
					thresholds(semantic, threshold, grayZone), grayZone, verifier, keys,
					new CachePolicy(semantic.getTtl(), properties.getTtlByTask()), metrics(metrics), Clock.systemUTC());
		}

		static @Nullable GrayZone grayZone(OrchestrationCacheProperties.Semantic semantic, double threshold,
				ObjectProvider<RoutingChatModel> router) {
			OrchestrationCacheProperties.GrayZone zone = semantic.getGrayZone();
			if (!zone.isEnabled()) {
				return null;
			}
			String prefix = "llm.cache.semantic.gray-zone.";
			if (!(zone.getLowerThreshold() > 0 && zone.getLowerThreshold() < threshold)) {
				throw new InvalidOrchestrationConfigurationException(prefix + "lower-threshold",
						"the lower threshold " + zone.getLowerThreshold() + " is not in (0, " + threshold + ")",
						"set a similarity below llm.cache.semantic.similarity-threshold");
			}
			RoutingChatModel routing = router.getObject();
			String tier = zone.getTier();
			if (tier == null || !routing.getTiers().contains(tier)) {
				throw new InvalidOrchestrationConfigurationException(prefix + "tier",
						(tier == null) ? "the gray zone is enabled but no tier answers it"
								: "there is no tier named '" + tier + "'",
						"name one of the configured tiers " + routing.getTiers().names() + " (a cheap one)");
			}
			if (zone.getMaxVerdicts() < 1) {
				throw new InvalidOrchestrationConfigurationException(prefix + "max-verdicts",
						"the limit " + zone.getMaxVerdicts() + " is not positive", "set at least 1");
			}
			return new GrayZone(zone.getLowerThreshold(), new RouterSameQuestionCheck(routing, tier),
					zone.getMaxVerdicts());
		}

		static SimilarityThresholds thresholds(OrchestrationCacheProperties.Semantic semantic, double threshold,
				@Nullable GrayZone grayZone) {
			OrchestrationCacheProperties.Adaptive adaptive = semantic.getAdaptive();
			if (!adaptive.isEnabled()) {
				return SimilarityThresholds.fixed(threshold);
			}
			String prefix = "llm.cache.semantic.adaptive.";
			if (!(adaptive.getFalseHitBound() > 0 && adaptive.getFalseHitBound() < 1)) {
				throw new InvalidOrchestrationConfigurationException(prefix + "false-hit-bound",
						"the bound " + adaptive.getFalseHitBound() + " is outside (0, 1)", "set a rate such as 0.02");
			}
			if (!(adaptive.getConfidence() > 0.5 && adaptive.getConfidence() < 1)) {
				throw new InvalidOrchestrationConfigurationException(prefix + "confidence",
						"the confidence " + adaptive.getConfidence() + " is outside (0.5, 1)", "set 0.95 or 0.99");
			}
			double floor = (adaptive.getFloor() != null) ? adaptive.getFloor()
					: (grayZone != null) ? grayZone.lower() : Math.max(0.01, threshold - 0.1);
			if (!(floor > 0 && floor <= threshold)) {
				throw new InvalidOrchestrationConfigurationException(prefix + "floor",
						"the floor " + floor + " is not in (0, " + threshold + "]",
						"set a similarity at or below llm.cache.semantic.similarity-threshold");
			}
			return new AdaptiveThresholds(threshold, floor, adaptive.getFalseHitBound(), adaptive.getConfidence());
		}

		/**
		 * The cache's model: for "built-in", the measured default
		 * ({@link SemanticCacheDefaults#MODEL}) when its jar is on the classpath, else
		 * the shared built-in all-MiniLM-L6-v2.
		 */
		static EmbeddingModel embeddingModel(BeanFactory beanFactory, String name) {
			// the built-in bean exists only with ONNX Runtime and the tokenizer on the
			// classpath (the embeddings starter)
			if (EmbeddingModelConfiguration.BUILT_IN.equals(name) && !beanFactory.containsBean(name)
					&& beanFactory.containsBean(EmbeddingModelConfiguration.BEAN_NAME)
					&& SemanticCacheDefaults.MODEL.isAvailable()) {
				return new OnnxEmbeddingModel(SemanticCacheDefaults.MODEL);
			}
			return EmbeddingModelConfiguration.resolve(beanFactory, "llm.cache.semantic.embedding-model", name);
		}

		static EmbeddingWindow window(OrchestrationCacheProperties.Semantic semantic, EmbeddingModel model) {
			if (model instanceof OnnxEmbeddingModel onnx) {
				if (semantic.getMaxQuestionTokens() < 3) {
					throw new InvalidOrchestrationConfigurationException("llm.cache.semantic.max-question-tokens",
							"the limit " + semantic.getMaxQuestionTokens() + " leaves no room for a question",
							"set at least 3 (the default is " + SemanticCacheAdvisor.DEFAULT_MAX_QUESTION_TOKENS + ")");
				}
				return onnx.window(semantic.getMaxQuestionTokens());
			}
			if (model instanceof EmbeddingWindow window) {
				return window;
			}
			if (semantic.getMaxQuestionCharacters() < 1) {
				throw new InvalidOrchestrationConfigurationException("llm.cache.semantic.max-question-characters",
						"the limit " + semantic.getMaxQuestionCharacters() + " is not positive",
						"set the longest question, in characters, that fits the embedding model's window");
			}
			return EmbeddingWindow.characters(semantic.getMaxQuestionCharacters());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.vectorstore.VectorStore")
	@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "enabled", havingValue = "true")
	@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "index", havingValue = "vector-store")
	static class VectorStoreIndex {

		@Bean
		@ConditionalOnMissingBean(SemanticIndex.class)
		VectorStoreSemanticIndex llmSemanticIndex(OrchestrationCacheProperties properties,
				ObjectProvider<VectorStore> vectorStores, BeanFactory beanFactory) {
			String name = properties.getSemantic().getVectorStore();
			VectorStore store = (name != null && beanFactory.containsBean(name))
					? beanFactory.getBean(name, VectorStore.class) : (name == null) ? vectorStores.getIfUnique() : null;
			if (store == null) {
				throw new InvalidOrchestrationConfigurationException("llm.cache.semantic.vector-store",
						(name != null) ? "there is no VectorStore bean named '" + name + "'"
								: "index=vector-store needs exactly one VectorStore bean",
						"define a Spring AI VectorStore bean (and name it here when there are several), "
								+ "or set llm.cache.semantic.index=local");
			}
			return new VectorStoreSemanticIndex(store, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(prefix = "llm.cache", name = "store", havingValue = "redis")
	static class RedisStore {

		@Bean
		@ConditionalOnMissingBean
		RedisGuard llmCacheRedisGuard(OrchestrationCacheProperties properties) {
			return new RedisGuard("cache", "serving cache misses", properties.getRedis().getTimeout(),
					properties.getRedis().getRetryInterval(), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		StringRedisTemplate llmCacheRedisTemplate(ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new StringRedisTemplate(requireConnectionFactory(connectionFactory));
		}

		static RedisConnectionFactory requireConnectionFactory(
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new InvalidOrchestrationConfigurationException("llm.cache.store",
						"the store is 'redis' but the application has no RedisConnectionFactory",
						"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.cache.store=memory");
			}
			return factory;
		}

		@Bean
		@ConditionalOnMissingBean(ResponseCacheStore.class)
		RedisResponseCacheStore llmResponseCacheStore(OrchestrationCacheProperties properties,
				ObjectProvider<CacheMetrics> metrics, StringRedisTemplate redis, RedisGuard redisGuard) {
			RedisResponseCacheStore store = new RedisResponseCacheStore(redis, properties.getRedis().getKeyPrefix(),
					redisGuard);
			metrics(metrics).bind("store", store);
			return store;
		}

		@Bean
		@ConditionalOnMissingBean(SemanticIndex.class)
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "enabled", havingValue = "true")
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "index", havingValue = "local",
				matchIfMissing = true)
		RedisSemanticIndex llmSemanticIndex(OrchestrationCacheProperties properties, StringRedisTemplate redis,
				ObjectProvider<RedisConnectionFactory> connectionFactory, RedisGuard redisGuard,
				ObjectProvider<CacheMetrics> metrics) {
			RedisSemanticIndex index = new RedisSemanticIndex(localSemanticIndex(properties.getSemantic()), redis,
					requireConnectionFactory(connectionFactory), properties.getRedis().getKeyPrefix(), redisGuard,
					Clock.systemUTC(), properties.getRedis().getRetryInterval());
			metrics(metrics).bindSubscription(index);
			return index;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.core.StringRedisTemplate")
	@ConditionalOnProperty(prefix = "llm.cache", name = "store", havingValue = "redis")
	static class RedisMissing {

		@Bean
		ResponseCacheStore llmResponseCacheStore() {
			throw new InvalidOrchestrationConfigurationException("llm.cache.store",
					"the store is 'redis' but Spring Data Redis is not on the classpath",
					"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.cache.store=memory");
		}

	}

	static class AnyLayerEnabled extends AnyNestedCondition {

		AnyLayerEnabled() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(prefix = "llm.cache.exact", name = "enabled", havingValue = "true")
		static class Exact {

		}

		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "enabled", havingValue = "true")
		static class Semantic {

		}

	}

	/** The in-memory index a semantic cache searches (alone, or in step with Redis). */
	static InMemorySemanticIndex localSemanticIndex(OrchestrationCacheProperties.Semantic semantic) {
		return (semantic.getSearch() == OrchestrationCacheProperties.Search.APPROXIMATE)
				? InMemorySemanticIndex.approximate(semantic.getMaxEntries(), semantic.getSearchProbes())
				: new InMemorySemanticIndex(semantic.getMaxEntries());
	}

}
