package dev.orchestration.autoconfigure.warmup;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.warmup.internal.MemberWarmUp;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The optional warm-up of member clients ({@code llm.warm-up.enabled=true}): an
 * {@code ApplicationRunner}, so it runs before Boot publishes readiness
 * {@code ACCEPTING_TRAFFIC}.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationWarmUpProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationWarmUpProperties.class)
public final class OrchestrationWarmUpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemberWarmUp llmMemberWarmUp(RoutingChatModel router, OrchestrationWarmUpProperties properties) {
		return new MemberWarmUp(router.getTiers(), properties.getTimeout());
	}

}
