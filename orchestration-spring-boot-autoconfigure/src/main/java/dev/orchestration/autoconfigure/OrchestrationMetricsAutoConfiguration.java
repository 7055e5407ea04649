package dev.orchestration.autoconfigure;

import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.budget.OrchestrationBudgetProperties;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.review.OrchestrationReviewAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.budget.BudgetStore;
import dev.orchestration.budget.internal.BudgetMetrics;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.cascade.internal.CascadeMetrics;
import dev.orchestration.metrics.internal.RoutingMetrics;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.internal.ReviewMetrics;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.shadow.internal.ShadowMetrics;
import dev.orchestration.shadow.internal.ShadowTraffic;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The starter's meters, on the application's {@link MeterRegistry} only: without one (no
 * Actuator, no Micrometer registry bean) there are no meter beans and nothing is written
 * to {@code Metrics.globalRegistry}. Each feature's meters exist when the feature is on.
 */
@AutoConfiguration(
		after = { OrchestrationAutoConfiguration.class, OrchestrationCacheAutoConfiguration.class,
				OrchestrationBudgetAutoConfiguration.class, OrchestrationCascadeAutoConfiguration.class,
				OrchestrationShadowAutoConfiguration.class, OrchestrationReviewAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, RoutingChatModel.class })
public final class OrchestrationMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RoutingMetrics llmRoutingMetrics(MeterRegistry registry) {
		return new RoutingMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ResponseCacheStore.class)
	CacheMetrics llmCacheMetrics(MeterRegistry registry) {
		return new CacheMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ BudgetStore.class, OrchestrationBudgetProperties.class })
	BudgetMetrics llmBudgetMetrics(MeterRegistry registry, OrchestrationBudgetProperties properties) {
		return new BudgetMetrics(registry, properties.isTagTenants());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CascadeAdvisor.class)
	CascadeMetrics llmCascadeMetrics(MeterRegistry registry) {
		return new CascadeMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReviewQueue.class)
	ReviewMetrics llmReviewMetrics(MeterRegistry registry) {
		return new ReviewMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ShadowTraffic.class)
	ShadowMetrics llmShadowMetrics(MeterRegistry registry) {
		return new ShadowMetrics(registry);
	}

}
