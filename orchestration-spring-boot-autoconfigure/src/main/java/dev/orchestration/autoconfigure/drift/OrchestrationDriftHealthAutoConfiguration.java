package dev.orchestration.autoconfigure.drift;

import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.internal.DriftHealthIndicator;
import dev.orchestration.drift.internal.PassiveDriftMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code llmdrift} health contributor: UNKNOWN with degraded=true while a check is
 * drifted or a member drifts. Off with {@code management.health.llmdrift.enabled=false};
 * backs off without Actuator or with {@code llm.drift.enabled=false}.
 */
@AutoConfiguration(after = OrchestrationDriftAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DriftMonitor.class)
@ConditionalOnEnabledHealthIndicator("llmdrift")
public final class OrchestrationDriftHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmdriftHealthIndicator")
	DriftHealthIndicator llmdriftHealthIndicator(DriftMonitor monitor, ObjectProvider<PassiveDriftMonitor> passive) {
		return new DriftHealthIndicator(monitor, passive.getIfAvailable());
	}

}
