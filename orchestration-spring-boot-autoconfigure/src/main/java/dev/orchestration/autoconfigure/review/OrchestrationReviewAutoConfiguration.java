package dev.orchestration.autoconfigure.review;

import java.time.Clock;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeProperties;
import dev.orchestration.cascade.AnswerReview;
import dev.orchestration.review.HighRiskPredicate;
import dev.orchestration.review.ReviewAdministration;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.internal.InMemoryReviewQueue;
import dev.orchestration.review.internal.RedisReviewQueue;
import dev.orchestration.review.internal.ReviewHandOff;
import dev.orchestration.review.internal.ReviewMetrics;
import dev.orchestration.routing.RoutingChatModel;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The human-review hand-off of the cascade ({@code llm.review.enabled=true}): a
 * {@link ReviewHandOff} the cascade advisor calls with its chosen answer, a
 * {@link ReviewQueue} in memory or, with {@code llm.review.store=redis}, in a Redis
 * Stream shared by every instance, and the {@link ReviewAdministration} behind the
 * {@code llmreviews} endpoint.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class, before = OrchestrationCascadeAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationReviewProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties({ OrchestrationReviewProperties.class, OrchestrationCascadeProperties.class })
public final class OrchestrationReviewAutoConfiguration {

	private static final String P = OrchestrationReviewProperties.CONFIG_PREFIX + ".";

	@Bean
	@ConditionalOnMissingBean(ReviewQueue.class)
	@ConditionalOnProperty(prefix = OrchestrationReviewProperties.CONFIG_PREFIX, name = "store", havingValue = "memory",
			matchIfMissing = true)
	InMemoryReviewQueue llmReviewQueue(OrchestrationReviewProperties properties,
			ObjectProvider<ReviewMetrics> metrics) {
		return new InMemoryReviewQueue(properties.getCapacity(), metrics(metrics));
	}

	@Bean
	@ConditionalOnMissingBean(AnswerReview.class)
	ReviewHandOff llmReviewHandOff(OrchestrationReviewProperties properties, OrchestrationCascadeProperties cascade,
			ObjectProvider<HighRiskPredicate> predicates, ReviewQueue queue, ApplicationEventPublisher events,
			ObjectProvider<ReviewMetrics> metrics) {
		return new ReviewHandOff(ReviewPolicyFactory.policies(properties, cascade), predicates.orderedStream().toList(),
				queue, events, metrics(metrics), properties.isIncludePrompt(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReviewAdministration llmReviewAdministration(ReviewQueue queue, ApplicationEventPublisher events,
			ObjectProvider<ReviewMetrics> metrics) {
		return new ReviewAdministration(queue, events, metrics(metrics), Clock.systemUTC());
	}

	private static ReviewMetrics metrics(ObjectProvider<ReviewMetrics> metrics) {
		return metrics.getIfAvailable(() -> new ReviewMetrics(new CompositeMeterRegistry()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(prefix = OrchestrationReviewProperties.CONFIG_PREFIX, name = "store", havingValue = "redis")
	static class RedisStore {

		@Bean
		@ConditionalOnMissingBean(ReviewQueue.class)
		RedisReviewQueue llmReviewQueue(OrchestrationReviewProperties properties,
				ObjectProvider<RedisConnectionFactory> connectionFactory, ObjectProvider<ReviewMetrics> metrics) {
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new InvalidOrchestrationConfigurationException(P + "store",
						"the store is 'redis' but the application has no RedisConnectionFactory",
						"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.review.store=memory");
			}
			RedisStoreProperties redis = properties.getRedis();
			RedisReviewQueue queue = new RedisReviewQueue(new StringRedisTemplate(factory), redis.getKeyPrefix(),
					properties.getCapacity(), properties.getHoldCapacity(), properties.getRetention(),
					redis.getTimeout(), redis.getRetryInterval(), metrics(metrics), Clock.systemUTC());
			queue.warmUp();
			return queue;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.core.StringRedisTemplate")
	@ConditionalOnProperty(prefix = OrchestrationReviewProperties.CONFIG_PREFIX, name = "store", havingValue = "redis")
	static class RedisMissing {

		@Bean
		@ConditionalOnMissingBean(ReviewQueue.class)
		ReviewQueue llmReviewQueue() {
			throw new InvalidOrchestrationConfigurationException(P + "store",
					"the store is 'redis' but Spring Data Redis is not on the classpath",
					"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.review.store=memory");
		}

	}

}
