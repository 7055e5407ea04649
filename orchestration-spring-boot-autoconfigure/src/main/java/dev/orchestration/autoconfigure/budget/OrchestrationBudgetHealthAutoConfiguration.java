package dev.orchestration.autoconfigure.budget;

import dev.orchestration.budget.internal.BudgetHealthIndicator;
import dev.orchestration.budget.internal.RedisBudgetStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code llmbudget} health contributor of the Redis budget store. Off with
 * {@code management.health.llmbudget.enabled=false}; backs off without Actuator or
 * without {@code llm.budget.store=redis}.
 */
@AutoConfiguration(after = OrchestrationBudgetAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, StringRedisTemplate.class })
@ConditionalOnBean(RedisBudgetStore.class)
@ConditionalOnEnabledHealthIndicator("llmbudget")
public final class OrchestrationBudgetHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmbudgetHealthIndicator")
	BudgetHealthIndicator llmbudgetHealthIndicator(RedisBudgetStore store) {
		return new BudgetHealthIndicator(store);
	}

}
