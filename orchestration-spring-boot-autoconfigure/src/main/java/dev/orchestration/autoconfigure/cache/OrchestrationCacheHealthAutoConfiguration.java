package dev.orchestration.autoconfigure.cache;

import dev.orchestration.actuate.internal.CacheHealthIndicator;
import dev.orchestration.cache.redis.RedisSemanticIndex;
import dev.orchestration.redis.internal.RedisGuard;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code llmcache} health contributor of the Redis cache store. Off with
 * {@code management.health.llmcache.enabled=false}; backs off without Actuator or without
 * {@code llm.cache.store=redis}.
 */
@AutoConfiguration(after = OrchestrationCacheAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(name = OrchestrationCacheHealthAutoConfiguration.GUARD)
@ConditionalOnEnabledHealthIndicator("llmcache")
public final class OrchestrationCacheHealthAutoConfiguration {

	static final String GUARD = "llmCacheRedisGuard";

	@Bean
	@ConditionalOnMissingBean(name = "llmcacheHealthIndicator")
	CacheHealthIndicator llmcacheHealthIndicator(BeanFactory beanFactory) {
		RedisSemanticIndex index = beanFactory.getBeanProvider(RedisSemanticIndex.class).getIfAvailable();
		return new CacheHealthIndicator(beanFactory.getBean(GUARD, RedisGuard.class),
				(index != null) ? index::isSubscribed : null);
	}

}
