package dev.orchestration.autoconfigure;

import dev.orchestration.resilience.internal.MemberBreakerEventConsumers;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.consumer.EventConsumerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Resilience4j's event buffers (behind its {@code circuitbreakerevents} endpoint) without
 * the members' successful calls, which would take a lock per routed request
 * ({@link MemberBreakerEventConsumers}). Runs before Resilience4j's auto-configuration,
 * whose own registry backs off; an application that declares its own
 * {@code EventConsumerRegistry<CircuitBreakerEvent>} keeps it, and
 * {@code llm.resilience.member-success-events=true} keeps Resilience4j's.
 */
@AutoConfiguration(before = CircuitBreakerAutoConfiguration.class)
@ConditionalOnClass({ EventConsumerRegistry.class, CircuitBreakerAutoConfiguration.class })
@ConditionalOnProperty(prefix = "llm.resilience", name = "member-success-events", havingValue = "false",
		matchIfMissing = true)
public class OrchestrationBreakerEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(value = CircuitBreakerEvent.class, parameterizedContainer = EventConsumerRegistry.class)
	MemberBreakerEventConsumers eventConsumerRegistry() {
		return new MemberBreakerEventConsumers();
	}

}
