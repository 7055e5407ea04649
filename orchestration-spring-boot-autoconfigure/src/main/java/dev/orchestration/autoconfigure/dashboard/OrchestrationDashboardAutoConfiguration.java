package dev.orchestration.autoconfigure.dashboard;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.dashboard.internal.LlmDashboardEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Serves the live dashboard at {@code /actuator/llm-dashboard} when
 * {@code llm.dashboard.enabled=true}, beside the {@code llm-routes} endpoint it reads.
 * Off by default.
 */
@AutoConfiguration(after = OrchestrationEndpointAutoConfiguration.class)
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnProperty(prefix = OrchestrationDashboardProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@ConditionalOnBean(LlmRoutesEndpoint.class)
@EnableConfigurationProperties(OrchestrationDashboardProperties.class)
public final class OrchestrationDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(LlmDashboardEndpoint.class)
	LlmDashboardEndpoint llmDashboardEndpoint(OrchestrationDashboardProperties properties) {
		return new LlmDashboardEndpoint(properties.getRefreshInterval(), properties.getRateWindow());
	}

	@Bean
	@ConditionalOnAvailableEndpoint(LlmDashboardEndpoint.class)
	PathMapper llmDashboardPathMapper() {
		return (endpointId) -> LlmDashboardEndpoint.ID.equals(endpointId.toLowerCaseString())
				? LlmDashboardEndpoint.PATH : null;
	}

}
