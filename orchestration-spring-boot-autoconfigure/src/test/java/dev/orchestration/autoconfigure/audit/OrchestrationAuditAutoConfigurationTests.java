package dev.orchestration.autoconfigure.audit;

import dev.orchestration.audit.LogAuditSink;
import dev.orchestration.audit.RoutingAuditSink;
import dev.orchestration.audit.internal.AuditAdvisor;
import dev.orchestration.audit.internal.AuditDecisionListener;
import dev.orchestration.audit.internal.AuditHealthIndicator;
import dev.orchestration.audit.internal.AuditWriter;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.StartupFailures;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestrationAuditAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class,
						OrchestrationAuditAutoConfiguration.class, OrchestrationAuditHealthAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.audit.enabled=true");

	@Test
	void enabledAuditUsesTheLogSinkAndTheLlmauditHealth() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(AuditAdvisor.class)
			.hasSingleBean(AuditDecisionListener.class)
			.hasSingleBean(LogAuditSink.class)
			.hasBean("llmauditHealthIndicator"));
	}

	@Test
	void auditIsOffUnlessEnabled() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					OrchestrationAutoConfiguration.class, OrchestrationAuditAutoConfiguration.class))
			.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
			.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AuditAdvisor.class)
				.doesNotHaveBean(AuditDecisionListener.class));
	}

	@Test
	void auditIsSwitchedOffByLlmAuditEnabled() {
		this.runner.withPropertyValues("llm.audit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AuditAdvisor.class)
				.doesNotHaveBean(AuditWriter.class)
				.doesNotHaveBean(AuditHealthIndicator.class));
	}

	@Test
	void auditHealthIsSwitchedOffByManagementHealthLlmauditEnabled() {
		this.runner.withPropertyValues("management.health.llmaudit.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(AuditAdvisor.class)
				.doesNotHaveBean(AuditHealthIndicator.class));
	}

	@Test
	void aUserSinkReplacesTheLogSink() {
		RoutingAuditSink own = (record) -> {
		};
		this.runner.withBean("kafkaAuditSink", RoutingAuditSink.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(LogAuditSink.class)
				.getBean(AuditWriter.class)
				.satisfies((writer) -> assertThat(writer.sinkName()).isEqualTo(own.name())));
	}

	@Test
	void theRedisSinkWithoutARedisConnectionFactoryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("llm.audit.sink=redis").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analysis(context);
			assertThat(analysis.getDescription()).contains("'llm.audit.sink'");
			assertThat(analysis.getAction()).contains("llm.audit.sink=log");
		});
	}

	@Test
	void aQueueCapacityBelowOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("llm.audit.queue-capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("queue-capacity");
		});
	}

	@Test
	void anInvalidRedactionPatternFailsStartupNamingThePropertyAndTheFix() {
		this.runner.withPropertyValues("llm.audit.redaction.patterns[0]=([a-z]").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("redaction.patterns[0]")
				.hasMessageContaining("not a valid regular expression");
		});
	}

}
