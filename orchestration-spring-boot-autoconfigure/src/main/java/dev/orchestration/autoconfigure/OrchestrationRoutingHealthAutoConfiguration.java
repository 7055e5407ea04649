package dev.orchestration.autoconfigure;

import dev.orchestration.actuate.internal.LlmRoutingHealthIndicator;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.RoutingChatModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code llmrouting} health contributor: DOWN only when no member of any tier can be
 * called. Off with {@code management.health.llmrouting.enabled=false}; backs off without
 * Actuator.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnEnabledHealthIndicator("llmrouting")
public final class OrchestrationRoutingHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmroutingHealthIndicator")
	LlmRoutingHealthIndicator llmroutingHealthIndicator(RoutingChatModel chatModel, MemberCircuitBreakers breakers) {
		return new LlmRoutingHealthIndicator(chatModel, breakers);
	}

}
