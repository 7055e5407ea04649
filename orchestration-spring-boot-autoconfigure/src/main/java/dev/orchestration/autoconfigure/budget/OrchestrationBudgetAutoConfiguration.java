package dev.orchestration.autoconfigure.budget;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.budget.BudgetPolicy;
import dev.orchestration.budget.BudgetStore;
import dev.orchestration.budget.internal.BudgetMetrics;
import dev.orchestration.budget.internal.DefaultRoutingBudget;
import dev.orchestration.budget.internal.InMemoryBudgetStore;
import dev.orchestration.budget.internal.RedisBudgetStore;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.routing.RoutingBudget;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.Tiers;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Spending budgets behind the router: a {@link DefaultRoutingBudget} that
 * {@link OrchestrationAutoConfiguration} passes to the {@link RoutingChatModel} (it looks
 * the {@link RoutingBudget} bean up when it creates the router, so the order of the two
 * auto-configurations does not matter for that), with totals in memory or, with
 * {@code llm.budget.store=redis}, in Redis shared by every instance. On when any
 * {@code llm.budget} limit is set or {@code llm.budget.enabled=true}.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(Tiers.class)
@Conditional(OrchestrationBudgetAutoConfiguration.OnBudgetConfigured.class)
@EnableConfigurationProperties(OrchestrationBudgetProperties.class)
public final class OrchestrationBudgetAutoConfiguration {

	private static final String P = OrchestrationBudgetProperties.CONFIG_PREFIX + ".";

	@Bean
	@ConditionalOnMissingBean(BudgetStore.class)
	@ConditionalOnProperty(prefix = "llm.budget", name = "store", havingValue = "memory", matchIfMissing = true)
	InMemoryBudgetStore llmBudgetStore() {
		return new InMemoryBudgetStore(Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RoutingBudget.class)
	static class DefaultBudget {

		@Bean
		DefaultRoutingBudget llmRoutingBudget(OrchestrationBudgetProperties properties, Tiers tiers, BudgetStore store,
				CostCalculator costCalculator, ObjectProvider<BudgetMetrics> metrics,
				ApplicationEventPublisher events) {
			return new DefaultRoutingBudget(tiers, policy(properties), store, costCalculator,
					metrics.getIfAvailable(() -> new BudgetMetrics(new CompositeMeterRegistry(), false)), events,
					Clock.systemUTC(), properties.getTrackedTenants());
		}

		@Bean
		@ConditionalOnMissingBean
		BudgetAdministration llmBudgetAdministration(DefaultRoutingBudget budget) {
			return new BudgetAdministration(budget, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(prefix = "llm.budget", name = "store", havingValue = "redis")
	static class RedisStore {

		@Bean
		@ConditionalOnMissingBean(BudgetStore.class)
		RedisBudgetStore llmBudgetStore(OrchestrationBudgetProperties properties,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new InvalidOrchestrationConfigurationException(P + "store",
						"the store is 'redis' but the application has no RedisConnectionFactory",
						"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.budget.store=memory");
			}
			StringRedisTemplate redis = new StringRedisTemplate(factory);
			RedisStoreProperties settings = properties.getRedis();
			RedisBudgetStore store = new RedisBudgetStore(redis, settings.getKeyPrefix(), settings.getTimeout(),
					settings.getRetryInterval(), Clock.systemUTC());
			store.warmUp();
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.core.StringRedisTemplate")
	@ConditionalOnProperty(prefix = "llm.budget", name = "store", havingValue = "redis")
	static class RedisMissing {

		@Bean
		@ConditionalOnMissingBean(BudgetStore.class)
		BudgetStore llmBudgetStore() {
			throw new InvalidOrchestrationConfigurationException(P + "store",
					"the store is 'redis' but Spring Data Redis is not on the classpath",
					"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.budget.store=memory");
		}

	}

	/** Turns the properties (validated by the binder) into a policy. */
	static BudgetPolicy policy(OrchestrationBudgetProperties properties) {
		BudgetPolicy.Limits global = new BudgetPolicy.Limits(properties.getDailyLimit(), properties.getMonthlyLimit());
		BudgetPolicy.Limits perTenant = caps(properties.getPerTenant());
		Map<String, BudgetPolicy.Limits> tenants = new LinkedHashMap<>();
		properties.getTenants().forEach((tenant, caps) -> tenants.put(tenant, caps(caps)));
		BudgetPolicy.OnLimit onLimit = (properties.getPolicy() == OrchestrationBudgetProperties.Policy.DOWNGRADE)
				? BudgetPolicy.OnLimit.DOWNGRADE : BudgetPolicy.OnLimit.REJECT;
		return new BudgetPolicy(properties.getPerRequestMax(), global, perTenant, tenants, onLimit,
				properties.getDefaultMaxOutputTokens(), properties.getAlertThresholds(),
				ZoneId.of(properties.getZone()));
	}

	private static BudgetPolicy.Limits caps(OrchestrationBudgetProperties.Caps caps) {
		return new BudgetPolicy.Limits(caps.getDailyLimit(), caps.getMonthlyLimit());
	}

	/**
	 * Matches when {@code llm.budget.enabled=true}, or when it is not false and any limit
	 * is configured.
	 */
	static class OnBudgetConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			OrchestrationBudgetProperties properties;
			try {
				properties = Binder.get(context.getEnvironment())
					.bind(OrchestrationBudgetProperties.CONFIG_PREFIX, OrchestrationBudgetProperties.class)
					.orElse(null);
			}
			catch (RuntimeException ex) {
				return ConditionOutcome.match("llm.budget is configured (binding it will report what is wrong)");
			}
			if (properties == null) {
				return ConditionOutcome.noMatch("no llm.budget configured");
			}
			if (Boolean.FALSE.equals(properties.getEnabled())) {
				return ConditionOutcome.noMatch("llm.budget.enabled=false");
			}
			if (Boolean.TRUE.equals(properties.getEnabled()) || properties.hasLimits()) {
				return ConditionOutcome.match("llm.budget limits are configured");
			}
			return ConditionOutcome.noMatch("no llm.budget limit configured");
		}

	}

}
