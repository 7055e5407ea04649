package dev.orchestration.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.internal.MemberBreakerEventConsumers;
import dev.orchestration.routing.Tiers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Resilience4j circuit breaker per member, configured as group
 * {@value MemberCircuitBreakers#GROUP}. By default the router drives each breaker on the
 * caller's thread. With {@code llm.resilience.execution=thread-pool} calls run through
 * Spring Cloud CircuitBreaker instead: the group gets a time limiter of
 * {@code llm.resilience.time-limit} (instead of Resilience4j's 1 s), and its pool — only
 * the pool of our group, other groups keep theirs — carries the caller's observation
 * (tracing) context and may use virtual threads.
 */
@Configuration(proxyBeanMethods = false)
class OrchestrationResilienceConfiguration {

	private static final Log logger = LogFactory.getLog(OrchestrationResilienceConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MemberCircuitBreakers llmMemberCircuitBreakers(OrchestrationProperties properties,
			CircuitBreakerRegistry circuitBreakerRegistry, TimeLimiterRegistry timeLimiterRegistry,
			ObjectProvider<CircuitBreakerFactory<?, ?>> circuitBreakerFactory, Tiers tiers,
			ObjectProvider<MemberBreakerEventConsumers> eventConsumers) {
		MemberBreakerEventConsumers events = eventConsumers.getIfAvailable();
		OrchestrationProperties.Resilience resilience = properties.getResilience();
		if (circuitBreakerRegistry.getConfiguration(MemberCircuitBreakers.GROUP).isEmpty()) {
			circuitBreakerRegistry.addConfiguration(MemberCircuitBreakers.GROUP,
					breakerConfig(resilience.getBreaker()));
		}
		MemberCircuitBreakers breakers;
		if (resilience.getExecution() == OrchestrationProperties.Execution.THREAD_POOL) {
			if (timeLimiterRegistry.getConfiguration(MemberCircuitBreakers.GROUP).isEmpty()) {
				timeLimiterRegistry.addConfiguration(MemberCircuitBreakers.GROUP,
						TimeLimiterConfig.custom()
							.timeoutDuration(resilience.getTimeLimit())
							.cancelRunningFuture(true)
							.build());
			}
			CircuitBreakerFactory<?, ?> factory = circuitBreakerFactory.getIfAvailable();
			if (factory == null) {
				throw new InvalidOrchestrationConfigurationException("llm.resilience.execution",
						"thread-pool needs a Spring Cloud CircuitBreakerFactory bean and none exists",
						"add spring-cloud-starter-circuitbreaker-resilience4j, or set llm.resilience.execution=caller-thread");
			}
			breakers = new MemberCircuitBreakers(factory, circuitBreakerRegistry, events);
		}
		else {
			breakers = new MemberCircuitBreakers(null, circuitBreakerRegistry, events);
		}
		tiers.members().forEach((member) -> breakers.breaker(member.id()));
		return breakers;
	}

	@Bean
	@ConditionalOnClass(name = "io.micrometer.context.ContextExecutorService")
	@ConditionalOnProperty(prefix = "llm.resilience", name = "execution", havingValue = "thread-pool")
	Customizer<Resilience4JCircuitBreakerFactory> llmContextPropagatingExecutor(OrchestrationProperties properties) {
		ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
		boolean virtual = properties.getResilience().isVirtualThreads();
		return (factory) -> {
			Function<String, ExecutorService> others = groupExecutors(factory);
			factory.configureGroupExecutorService((group) -> MemberCircuitBreakers.GROUP.equals(group)
					? ContextExecutorService.wrap(executor(virtual), snapshots::captureAll) : others.apply(group));
		};
	}

	/**
	 * The group executors the factory had before ours (so other groups keep theirs);
	 * Spring Cloud's default, a cached pool per group, when they cannot be read.
	 */
	@SuppressWarnings("unchecked")
	static Function<String, ExecutorService> groupExecutors(Resilience4JCircuitBreakerFactory factory) {
		try {
			Field field = Resilience4JCircuitBreakerFactory.class.getDeclaredField("groupExecutorServiceFactory");
			field.setAccessible(true);
			Object value = field.get(factory);
			if (value instanceof Function<?, ?> function) {
				return (Function<String, ExecutorService>) function;
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not read the group executors of " + factory, ex);
		}
		return (group) -> Executors.newCachedThreadPool();
	}

	/**
	 * A virtual-thread-per-task executor on JDK 21+ when asked for, else a cached pool.
	 */
	static ExecutorService executor(boolean virtual) {
		if (virtual) {
			try {
				Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
				return (ExecutorService) factory.invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				logger.warn("llm.resilience.virtual-threads=true needs JDK 21 or later; using platform threads");
			}
		}
		return Executors.newCachedThreadPool();
	}

	private static CircuitBreakerConfig breakerConfig(OrchestrationProperties.Breaker breaker) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.getSlidingWindowSize())
			// every caller of a member records into its one window: lock-free, so that
			// threads calling the same
			// member do not queue on the window's monitor (docs/performance.md, 8-thread
			// throughput)
			.slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
			.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
			.failureRateThreshold(breaker.getFailureRateThreshold())
			.waitDurationInOpenState(breaker.getWaitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.getPermittedNumberOfCallsInHalfOpenState())
			.slowCallDurationThreshold(breaker.getSlowCallDurationThreshold())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

}
