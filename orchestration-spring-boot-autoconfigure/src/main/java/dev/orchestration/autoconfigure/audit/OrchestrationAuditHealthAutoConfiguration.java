package dev.orchestration.autoconfigure.audit;

import dev.orchestration.audit.internal.AuditHealthIndicator;
import dev.orchestration.audit.internal.AuditWriter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code llmaudit} health contributor of the audit trail. Off with
 * {@code management.health.llmaudit.enabled=false}; backs off without Actuator or with
 * {@code llm.audit.enabled=false}.
 */
@AutoConfiguration(after = OrchestrationAuditAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(AuditWriter.class)
@ConditionalOnEnabledHealthIndicator("llmaudit")
public final class OrchestrationAuditHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmauditHealthIndicator")
	AuditHealthIndicator llmauditHealthIndicator(AuditWriter writer) {
		return new AuditHealthIndicator(writer);
	}

}
