package dev.orchestration.shadow;

import java.time.Duration;
import java.util.List;

import dev.orchestration.cost.Price;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

/**
 * Three tiers over scripted models: "small" (live default, 1/2 USD per million), "large"
 * (candidate default, 10/30) and "judge"; a live router and a candidate router over the
 * same tiers and breakers.
 */
public final class ShadowFixture {

	public final ScriptedChatModel small = new ScriptedChatModel("small");

	public final ScriptedChatModel large = new ScriptedChatModel("large");

	public final ScriptedChatModel judge = new ScriptedChatModel("judge");

	final Tiers tiers = new Tiers(List.of(tier("small", this.small, new Price(1, 2)),
			tier("large", this.large, new Price(10, 30)), tier("judge", this.judge, new Price(1, 1))));

	final MemberCircuitBreakers breakers = breakers();

	public final RoutingChatModel live = router("small");

	public final RoutingChatModel candidate = router("large");

	/** Live cost of one scripted answer (100 prompt, 20 completion tokens). */
	public static final double LIVE_COST = (100 * 1 + 20 * 2) / 1e6;

	/** Candidate cost of one scripted answer. */
	public static final double CANDIDATE_COST = (100 * 10 + 20 * 30) / 1e6;

	RoutingChatModel router(String defaultTier) {
		return RoutingChatModel.builder()
			.tiers(this.tiers)
			.routeResolver(new RuleBasedRouteResolver(this.tiers, List.of(), defaultTier))
			.circuitBreakers(this.breakers)
			.failureClassifier(new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor())))
			.build();
	}

	private static Tier tier(String name, ScriptedChatModel model, Price price) {
		return new Tier(name,
				List.of(new TierMember(name + "-0", name, name + "Bean", model, name + "-model", null, price)));
	}

	private static MemberCircuitBreakers breakers() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(CircuitBreakerConfig.custom().slidingWindowSize(100).minimumNumberOfCalls(100).build());
		TimeLimiterRegistry limiters = TimeLimiterRegistry
			.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(30)).build());
		return new MemberCircuitBreakers(new Resilience4JCircuitBreakerFactory(registry, limiters, null), registry);
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
