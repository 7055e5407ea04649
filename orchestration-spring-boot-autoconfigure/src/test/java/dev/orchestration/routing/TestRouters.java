package dev.orchestration.routing;

import java.time.Duration;
import java.util.List;

import dev.orchestration.cost.Price;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.MemberCircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

/**
 * Builds small routers over {@link ScriptedChatModel}s for tests of the parts around the
 * router.
 */
public final class TestRouters {

	private TestRouters() {
	}

	/** Breakers that open after two failures out of two calls. */
	public static MemberCircuitBreakers breakers() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.failureRateThreshold(100)
			.waitDurationInOpenState(Duration.ofMinutes(1))
			.build());
		return new MemberCircuitBreakers(
				new Resilience4JCircuitBreakerFactory(registry, TimeLimiterRegistry.ofDefaults(), null), registry);
	}

	/** One tier "small" with the given models as members "small-0", "small-1"... */
	public static RoutingChatModel router(MemberCircuitBreakers breakers, List<RoutingDecisionListener> listeners,
			ScriptedChatModel... models) {
		List<TierMember> members = new java.util.ArrayList<>();
		for (int i = 0; i < models.length; i++) {
			members.add(new TierMember("small-" + i, "small", "bean" + i, models[i], "m" + i, null, new Price(1, 2)));
		}
		Tiers tiers = new Tiers(List.of(new Tier("small", members)));
		return RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(new RuleBasedRouteResolver(tiers, List.of(), "small"))
			.circuitBreakers(breakers)
			.failureClassifier(new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor())))
			.listeners(listeners)
			.build();
	}

}
