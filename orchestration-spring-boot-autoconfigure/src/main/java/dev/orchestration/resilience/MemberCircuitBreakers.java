package dev.orchestration.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.orchestration.resilience.internal.MemberBreakerEventConsumers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * One Resilience4j circuit breaker per tier member, from the application's
 * {@link CircuitBreakerRegistry}. By default the router drives the breaker on the
 * caller's thread (no thread hop, tracing context untouched); when a
 * {@link CircuitBreakerFactory} is given, calls run through Spring Cloud CircuitBreaker
 * instead (its thread pool and time limiter), while streams and state still use the same
 * Resilience4j breaker.
 * <p>
 * Settings resolve as Spring Cloud CircuitBreaker resolves them:
 * {@code resilience4j.circuitbreaker.instances.<id>} or {@code configs.<id>}, then the
 * {@value #GROUP} group configuration, then the registry default.
 */
public class MemberCircuitBreakers {

	/** The Spring Cloud CircuitBreaker group of every member breaker. */
	public static final String GROUP = "llm";

	private final @Nullable CircuitBreakerFactory<?, ?> factory;

	private final CircuitBreakerRegistry registry;

	private final @Nullable MemberBreakerEventConsumers events;

	private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

	private final Map<String, org.springframework.cloud.client.circuitbreaker.CircuitBreaker> pooled = new ConcurrentHashMap<>();

	/** Breakers driven on the caller's thread. */
	public MemberCircuitBreakers(CircuitBreakerRegistry registry) {
		this(null, registry);
	}

	/**
	 * Breakers whose calls run through the given Spring Cloud CircuitBreaker factory (its
	 * pool and time limiter).
	 */
	public MemberCircuitBreakers(@Nullable CircuitBreakerFactory<?, ?> factory, CircuitBreakerRegistry registry) {
		this(factory, registry, null);
	}

	/**
	 * As {@link #MemberCircuitBreakers(CircuitBreakerFactory, CircuitBreakerRegistry)},
	 * marking each breaker it creates as a member's in the events endpoint's buffers.
	 */
	public MemberCircuitBreakers(@Nullable CircuitBreakerFactory<?, ?> factory, CircuitBreakerRegistry registry,
			@Nullable MemberBreakerEventConsumers events) {
		this.factory = factory;
		this.registry = registry;
		this.events = events;
	}

	/**
	 * Whether calls run on Spring Cloud CircuitBreaker's thread pool rather than the
	 * caller's thread.
	 */
	public boolean pooled() {
		return this.factory != null;
	}

	/**
	 * Runs a call through Spring Cloud CircuitBreaker (pool mode only); errors and an
	 * open breaker reach the fallback.
	 */
	public <T> T run(String member, Supplier<T> call, Function<Throwable, T> fallback) {
		CircuitBreakerFactory<?, ?> pool = this.factory;
		if (pool == null) {
			throw new IllegalStateException("Calls run on the caller's thread; no CircuitBreakerFactory was given");
		}
		return this.pooled.computeIfAbsent(member, (id) -> pool.create(id, GROUP)).run(call, fallback);
	}

	/**
	 * The member's Resilience4j breaker (created on first use with the resolved
	 * configuration).
	 */
	public CircuitBreaker breaker(String member) {
		CircuitBreaker breaker = this.breakers.get(member);
		return (breaker != null) ? breaker : this.breakers.computeIfAbsent(member, this::lookUp);
	}

	private CircuitBreaker lookUp(String member) {
		MemberBreakerEventConsumers buffers = this.events;
		return this.registry.find(member).orElseGet(() -> {
			if (buffers != null) {
				buffers.member(member);
			}
			return this.registry.circuitBreaker(member, configurationFor(member), Map.of("group", GROUP));
		});
	}

	private CircuitBreakerConfig configurationFor(String member) {
		return this.registry.getConfiguration(member)
			.or(() -> this.registry.getConfiguration(GROUP))
			.orElseGet(this.registry::getDefaultConfig);
	}

}
