package dev.orchestration.autoconfigure;

import dev.orchestration.actuate.LlmRoutesEndpoint;
import dev.orchestration.actuate.LlmRoutingHealthIndicator;
import dev.orchestration.actuate.RecentDecisions;
import dev.orchestration.actuate.RouteStatistics;
import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.shadow.ShadowAdministration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code /actuator/llm-routes} endpoint and the {@code llmRouting} health contributor.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class,
		afterName = { "dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration",
				"dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration",
				"dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration" })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(RoutingChatModel.class)
public final class OrchestrationEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(LlmRoutesEndpoint.class)
	LlmRoutesEndpoint llmRoutesEndpoint(RoutingChatModel chatModel, RouteResolver resolver,
			MemberCircuitBreakers breakers, RouteStatistics statistics, RecentDecisions recentDecisions,
			OrchestrationProperties properties, ObjectProvider<CacheAdministration> cache,
			ObjectProvider<BudgetAdministration> budget, ObjectProvider<ShadowAdministration> shadow) {
		return new LlmRoutesEndpoint(chatModel, resolver, breakers, statistics, recentDecisions,
				properties.getObservability().isWriteOperationsEnabled(), cache.getIfAvailable(),
				budget.getIfAvailable(), shadow.getIfAvailable());
	}

	/** Serves the endpoint id {@code llmroutes} at {@code /actuator/llm-routes}. */
	@Bean
	@ConditionalOnAvailableEndpoint(LlmRoutesEndpoint.class)
	PathMapper llmRoutesPathMapper() {
		return (endpointId) -> LlmRoutesEndpoint.ID.equals(endpointId.toLowerCaseString()) ? "llm-routes" : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("llmRouting")
	static class Health {

		@Bean
		@ConditionalOnMissingBean(name = "llmRoutingHealthIndicator")
		LlmRoutingHealthIndicator llmRoutingHealthIndicator(RoutingChatModel chatModel,
				MemberCircuitBreakers breakers) {
			return new LlmRoutingHealthIndicator(chatModel, breakers);
		}

	}

}
