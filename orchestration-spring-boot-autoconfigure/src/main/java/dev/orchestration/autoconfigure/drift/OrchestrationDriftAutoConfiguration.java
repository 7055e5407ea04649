package dev.orchestration.autoconfigure.drift;

import java.time.Clock;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.audit.OrchestrationAuditAutoConfiguration;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.internal.DriftExclusions;
import dev.orchestration.drift.internal.PassiveDriftMonitor;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.Tiers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Drift detection: the scheduled checks of {@code llm.drift.checks}
 * ({@link DriftMonitor}), the tiers they take out of class policies
 * ({@link DriftExclusions}, which the route resolver consults), and passive drift
 * ({@link PassiveDriftMonitor}, fed by the audit records). Off with
 * {@code llm.drift.enabled=false}.
 */
@AutoConfiguration(after = { OrchestrationAutoConfiguration.class, OrchestrationAuditAutoConfiguration.class })
@ConditionalOnBean(Tiers.class)
@ConditionalOnProperty(prefix = OrchestrationDriftProperties.CONFIG_PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OrchestrationDriftProperties.class)
public final class OrchestrationDriftAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DriftExclusions llmDriftExclusions() {
		return new DriftExclusions();
	}

	@Bean
	@ConditionalOnMissingBean
	DriftMonitor llmDriftMonitor(OrchestrationDriftProperties properties, Tiers tiers, RoutingChatModel router,
			DriftExclusions exclusions, ListableBeanFactory beans, ResourceLoader resources,
			ApplicationEventPublisher events, ObjectProvider<MeterRegistry> meters) {
		return new DriftMonitor(router, new DriftChecksFactory(tiers, beans, resources).checks(properties), exclusions,
				events, meters.getIfUnique(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = OrchestrationDriftProperties.CONFIG_PREFIX, name = "passive.enabled",
			matchIfMissing = true)
	PassiveDriftMonitor llmPassiveDriftMonitor(OrchestrationDriftProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		OrchestrationDriftProperties.Passive passive = properties.getPassive();
		return new PassiveDriftMonitor(passive.getWindowSize(), passive.getMaxJudgeDrop(), passive.getMaxRateRise(),
				meters.getIfUnique());
	}

}
