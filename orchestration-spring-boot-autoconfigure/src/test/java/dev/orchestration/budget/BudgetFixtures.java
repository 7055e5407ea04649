package dev.orchestration.budget;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orchestration.budget.internal.BudgetMetrics;
import dev.orchestration.budget.internal.DefaultRoutingBudget;
import dev.orchestration.cost.Price;
import dev.orchestration.cost.TokenPriceCostCalculator;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import dev.orchestration.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Two tiers over scripted models: "small" (USD 1000 / 2000 per million tokens, so a
 * scripted call of 100 prompt and 20 completion tokens costs 0.14) and "large" (ten times
 * the price: 1.40 per call).
 */
public final class BudgetFixtures {

	static final Price SMALL_PRICE = new Price(1000, 2000);

	static final Price LARGE_PRICE = new Price(10_000, 20_000);

	public final ScriptedChatModel cheap = new ScriptedChatModel("cheap");

	public final ScriptedChatModel cheapBackup = new ScriptedChatModel("cheap-backup");

	final ScriptedChatModel strong = new ScriptedChatModel("strong");

	public final Tiers tiers = new Tiers(List.of(
			new Tier("small",
					List.of(new TierMember("small-a", "small", "cheap", this.cheap, "a", null, SMALL_PRICE),
							new TierMember("small-b", "small", "cheapBackup", this.cheapBackup, "b", null,
									new Price(5000, 10_000)))),
			new Tier("large",
					List.of(new TierMember("large-x", "large", "strong", this.strong, "x", null, LARGE_PRICE)))));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	public final List<BudgetThresholdEvent> events = new ArrayList<>();

	final ApplicationEventPublisher publisher = new ApplicationEventPublisher() {

		@Override
		public void publishEvent(ApplicationEvent event) {
			publishEvent((Object) event);
		}

		@Override
		public void publishEvent(Object event) {
			synchronized (BudgetFixtures.this.events) {
				BudgetFixtures.this.events.add((BudgetThresholdEvent) event);
			}
		}

	};

	public final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));

	public static BudgetPolicy policy(Double perRequestMax, BudgetPolicy.Limits global, BudgetPolicy.Limits perTenant,
			Map<String, BudgetPolicy.Limits> tenants, BudgetPolicy.OnLimit onLimit, List<Double> thresholds) {
		return new BudgetPolicy(perRequestMax, global, perTenant, tenants, onLimit, 100, thresholds, ZoneId.of("UTC"));
	}

	public DefaultRoutingBudget budget(BudgetPolicy policy, BudgetStore store) {
		return new DefaultRoutingBudget(this.tiers, policy, store, new TokenPriceCostCalculator(),
				new BudgetMetrics(this.meters, false), this.publisher, this.clock, 10);
	}

	public RoutingChatModel router(DefaultRoutingBudget budget, String defaultTier) {
		return RoutingChatModel.builder()
			.tiers(this.tiers)
			.routeResolver(new RuleBasedRouteResolver(this.tiers, List.of(), defaultTier))
			.circuitBreakers(TestRouters.breakers())
			.failureClassifier(new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor())))
			.budget(budget)
			.build();
	}

	public double counter(String name, String... tags) {
		var search = this.meters.find(name);
		if (tags.length > 0) {
			search = search.tags(tags);
		}
		return search.counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
	}

}
