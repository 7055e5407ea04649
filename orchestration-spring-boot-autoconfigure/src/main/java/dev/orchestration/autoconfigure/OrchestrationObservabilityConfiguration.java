package dev.orchestration.autoconfigure;

import dev.orchestration.actuate.RecentDecisions;
import dev.orchestration.actuate.RouteStatistics;
import dev.orchestration.metrics.RoutingMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decision listeners that feed the endpoint (statistics, recent decisions) and Micrometer.
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class Metrics {

		@Bean
		@ConditionalOnMissingBean
		RoutingMetrics llmRoutingMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			return new RoutingMetrics(meterRegistry.getIfUnique(() -> io.micrometer.core.instrument.Metrics.globalRegistry));
		}

	}

}
