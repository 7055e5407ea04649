package dev.orchestration.autoconfigure;

import dev.orchestration.actuate.internal.RecentDecisions;
import dev.orchestration.statistics.RouteStatistics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decision listeners that feed the endpoint and live tier conditions (statistics, recent
 * decisions); the meters are in {@link OrchestrationMetricsAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class OrchestrationObservabilityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RouteStatistics llmRouteStatistics() {
		return new RouteStatistics();
	}

	@Bean
	@ConditionalOnMissingBean
	RecentDecisions llmRecentDecisions(OrchestrationProperties properties) {
		return new RecentDecisions(properties.getObservability().getRecentDecisions());
	}

}
