package dev.orchestration.autoconfigure;

import java.util.concurrent.Executors;

import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.Tiers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per member through Spring Cloud CircuitBreaker on Resilience4j, with defaults that suit LLM
 * calls: the {@value MemberCircuitBreakers#GROUP} group gets a time limit of {@code llm.resilience.time-limit}
 * instead of Resilience4j's 1 s, and its thread pool carries the caller's observation (tracing) context.
 */
@Configuration(proxyBeanMethods = false)
class OrchestrationResilienceConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemberCircuitBreakers llmMemberCircuitBreakers(OrchestrationProperties properties,
			CircuitBreakerFactory<?, ?> circuitBreakerFactory, CircuitBreakerRegistry circuitBreakerRegistry,
			TimeLimiterRegistry timeLimiterRegistry, Tiers tiers) {
		OrchestrationProperties.Resilience resilience = properties.getResilience();
		if (circuitBreakerRegistry.getConfiguration(MemberCircuitBreakers.GROUP).isEmpty()) {
			circuitBreakerRegistry.addConfiguration(MemberCircuitBreakers.GROUP, breakerConfig(resilience.getBreaker()));
		}
		if (timeLimiterRegistry.getConfiguration(MemberCircuitBreakers.GROUP).isEmpty()) {
			timeLimiterRegistry.addConfiguration(MemberCircuitBreakers.GROUP,
					TimeLimiterConfig.custom().timeoutDuration(resilience.getTimeLimit()).cancelRunningFuture(true).build());
		}
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(circuitBreakerFactory, circuitBreakerRegistry);
		tiers.members().forEach((member) -> breakers.breaker(member.id()));
		return breakers;
	}

	@Bean
	@ConditionalOnClass(name = "io.micrometer.context.ContextExecutorService")
	Customizer<Resilience4JCircuitBreakerFactory> llmContextPropagatingExecutor() {
		ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
		return (factory) -> factory.configureGroupExecutorService((group) -> MemberCircuitBreakers.GROUP.equals(group)
				? ContextExecutorService.wrap(Executors.newCachedThreadPool(), snapshots::captureAll)
				: Executors.newCachedThreadPool());
	}

	private static CircuitBreakerConfig breakerConfig(OrchestrationProperties.Breaker breaker) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.getSlidingWindowSize())
			.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
			.failureRateThreshold(breaker.getFailureRateThreshold())
			.waitDurationInOpenState(breaker.getWaitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.getPermittedNumberOfCallsInHalfOpenState())
			.slowCallDurationThreshold(breaker.getSlowCallDurationThreshold())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

}
