package dev.orchestration.autoconfigure.review;

import dev.orchestration.review.internal.RedisReviewQueue;
import dev.orchestration.review.internal.ReviewQueueHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code llmreview} health contributor of the Redis review queue. Off with
 * {@code management.health.llmreview.enabled=false}; backs off without Actuator or
 * without {@code llm.review.store=redis}.
 */
@AutoConfiguration(after = OrchestrationReviewAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, StringRedisTemplate.class })
@ConditionalOnBean(RedisReviewQueue.class)
@ConditionalOnEnabledHealthIndicator("llmreview")
public final class OrchestrationReviewHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmreviewHealthIndicator")
	ReviewQueueHealthIndicator llmreviewHealthIndicator(RedisReviewQueue queue) {
		return new ReviewQueueHealthIndicator(queue);
	}

}
