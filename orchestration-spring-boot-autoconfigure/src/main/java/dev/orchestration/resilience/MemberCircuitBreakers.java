package dev.orchestration.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * One circuit breaker per tier member: calls run through Spring Cloud CircuitBreaker, while state (for the endpoint,
 * the health contributor and streamed calls) is read from the same Resilience4j breaker in the registry.
 * <p>
 * Settings resolve as Spring Cloud CircuitBreaker resolves them: {@code resilience4j.circuitbreaker.instances.<id>}
 * or {@code configs.<id>}, then the {@value #GROUP} group configuration, then the registry default.
 */
public class MemberCircuitBreakers {

	/** The Spring Cloud CircuitBreaker group of every member breaker. */
	public static final String GROUP = "llm";

	private final CircuitBreakerFactory<?, ?> factory;

	private final CircuitBreakerRegistry registry;

	private final Map<String, org.springframework.cloud.client.circuitbreaker.CircuitBreaker> breakers = new ConcurrentHashMap<>();

	public MemberCircuitBreakers(CircuitBreakerFactory<?, ?> factory, CircuitBreakerRegistry registry) {
		this.factory = factory;
		this.registry = registry;
	}

	/** Runs a call through the member's breaker; errors and an open breaker reach the fallback. */
	public <T> T run(String member, Supplier<T> call, Function<Throwable, T> fallback) {
		return this.breakers.computeIfAbsent(member, (id) -> this.factory.create(id, GROUP)).run(call, fallback);
	}

	/** The member's Resilience4j breaker (created on first use with the resolved configuration). */
	public CircuitBreaker breaker(String member) {
		return this.registry.find(member)
			.orElseGet(() -> this.registry.circuitBreaker(member, configurationFor(member), Map.of("group", GROUP)));
	}

	private CircuitBreakerConfig configurationFor(String member) {
		return this.registry.getConfiguration(member)
			.or(() -> this.registry.getConfiguration(GROUP))
			.orElseGet(this.registry::getDefaultConfig);
	}

}
