package dev.orchestration.autoconfigure;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.actuate.internal.RecentDecisions;
import dev.orchestration.autoconfigure.internal.EndpointPaths;
import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.internal.PassiveDriftMonitor;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.rollout.RolloutAdministration;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.shadow.ShadowAdministration;
import dev.orchestration.statistics.RouteStatistics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code llmroutes} endpoint, served at {@code /actuator/llm-routes} unless the
 * application maps it itself ({@code management.endpoints.web.path-mapping.llmroutes}).
 * Read-only unless {@code management.endpoint.llmroutes.access=unrestricted}. Backs off
 * without Actuator (the endpoint condition sits on the bean methods: on the class it
 * would be loaded before the class condition could back off).
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class,
		afterName = { "dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration",
				"dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration",
				"dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration" })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(RoutingChatModel.class)
public final class OrchestrationEndpointAutoConfiguration {

	static final String PATH = "llm-routes";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(LlmRoutesEndpoint.class)
	LlmRoutesEndpoint llmRoutesEndpoint(RoutingChatModel chatModel, RouteResolver resolver,
			MemberCircuitBreakers breakers, RouteStatistics statistics, RecentDecisions recentDecisions,
			ObjectProvider<CacheAdministration> cache, ObjectProvider<BudgetAdministration> budget,
			ObjectProvider<ShadowAdministration> shadow, ObjectProvider<DriftMonitor> drift,
			ObjectProvider<PassiveDriftMonitor> passiveDrift, ObjectProvider<RolloutAdministration> rollout) {
		return new LlmRoutesEndpoint(chatModel, resolver, breakers, statistics, recentDecisions, cache.getIfAvailable(),
				budget.getIfAvailable(), shadow.getIfAvailable(), drift.getIfAvailable(), passiveDrift.getIfAvailable(),
				rollout.getIfAvailable());
	}

	/**
	 * Serves {@code llmroutes} at {@code llm-routes}, but leaves a mapping the
	 * application made to Boot.
	 */
	@Bean
	@ConditionalOnAvailableEndpoint(LlmRoutesEndpoint.class)
	PathMapper llmRoutesPathMapper(Environment environment) {
		return EndpointPaths.unlessMapped(environment, LlmRoutesEndpoint.ID, PATH);
	}

}
