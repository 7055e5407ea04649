package dev.orchestration.autoconfigure.cache;

import java.time.Clock;

import dev.orchestration.autoconfigure.EmbeddingModelConfiguration;
import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.cache.CacheKeyStrategy;
import dev.orchestration.cache.CacheMetrics;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.DefaultCacheKeyStrategy;
import dev.orchestration.cache.ExactCacheAdvisor;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.cache.SemanticCacheAdvisor;
import dev.orchestration.redis.RedisGuard;
import dev.orchestration.cache.redis.RedisResponseCacheStore;
import dev.orchestration.cache.redis.RedisSemanticIndex;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.TextOverlapVerifier;
import dev.orchestration.cache.vectorstore.VectorStoreSemanticIndex;
import dev.orchestration.routing.RoutingChatModel;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

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
 * The exact and semantic caches in front of the router, in memory by default or on Redis with
 * {@code llm.cache.store=redis}. Each layer is on only when {@code llm.cache.exact.enabled} or
 * {@code llm.cache.semantic.enabled} is set.
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
	 * The application's cache meters, or meters on an empty composite when there is no MeterRegistry (then the
	 * endpoint's hit counts read 0).
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
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "index", havingValue = "local", matchIfMissing = true)
		InMemorySemanticIndex llmSemanticIndex(OrchestrationCacheProperties properties) {
			return new InMemorySemanticIndex(properties.getSemantic().getMaxEntries());
		}

		@Bean
		@ConditionalOnMissingBean
		SemanticCacheAdvisor llmSemanticCacheAdvisor(OrchestrationCacheProperties properties, ResponseCacheStore store,
				SemanticIndex index, CacheKeyStrategy keys, ObjectProvider<CacheMetrics> metrics,
				BeanFactory beanFactory) {
			OrchestrationCacheProperties.Semantic semantic = properties.getSemantic();
			CandidateVerifier verifier = semantic.isVerify() ? new TextOverlapVerifier() : CandidateVerifier.ACCEPT_ALL;
			EmbeddingModel embeddingModel = EmbeddingModelConfiguration.resolve(beanFactory,
					"llm.cache.semantic.embedding-model", semantic.getEmbeddingModel());
			return new SemanticCacheAdvisor(store, index, embeddingModel, semantic.getSimilarityThreshold(), verifier,
					keys, new CachePolicy(semantic.getTtl(), properties.getTtlByTask()), metrics(metrics),
					Clock.systemUTC());
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

		static RedisConnectionFactory requireConnectionFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
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
				ObjectProvider<CacheMetrics> metrics,
				StringRedisTemplate redis, RedisGuard redisGuard) {
			RedisResponseCacheStore store = new RedisResponseCacheStore(redis, properties.getRedis().getKeyPrefix(),
					redisGuard);
			metrics(metrics).bind("store", store);
			return store;
		}

		@Bean
		@ConditionalOnMissingBean(SemanticIndex.class)
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "enabled", havingValue = "true")
		@ConditionalOnProperty(prefix = "llm.cache.semantic", name = "index", havingValue = "local", matchIfMissing = true)
		RedisSemanticIndex llmSemanticIndex(OrchestrationCacheProperties properties, StringRedisTemplate redis,
				ObjectProvider<RedisConnectionFactory> connectionFactory, RedisGuard redisGuard) {
			return new RedisSemanticIndex(new InMemorySemanticIndex(properties.getSemantic().getMaxEntries()), redis,
					requireConnectionFactory(connectionFactory), properties.getRedis().getKeyPrefix(), redisGuard,
					Clock.systemUTC());
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

}
