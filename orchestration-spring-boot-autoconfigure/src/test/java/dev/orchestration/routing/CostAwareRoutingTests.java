package dev.orchestration.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.orchestration.cost.Price;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostAwareRoutingTests {

	private final Set<String> down = new HashSet<>();

	private final Map<String, Long> p95 = new HashMap<>();

	private final TierConditions conditions = new TierConditions() {

		@Override
		public boolean available(String tier) {
			return !CostAwareRoutingTests.this.down.contains(tier);
		}

		@Override
		public OptionalLong p95Millis(String tier) {
			Long value = CostAwareRoutingTests.this.p95.get(tier);
			return (value != null) ? OptionalLong.of(value) : OptionalLong.empty();
		}

	};

	private final Tiers tiers = new Tiers(List.of(tier("small", 0.1, 0.4), tier("mid", 1, 3), tier("large", 10, 30)));

	private final RuleBasedRouteResolver resolver = new RuleBasedRouteResolver(this.tiers,
			List.of(new RoutingRule(0, "small", null, null, null, null, "chit-chat", Map.of())), "large",
			Map.of("math", new ClassPolicy("math", Map.of("small", 0.55, "mid", 0.86, "large", 0.95), 0.85,
					Duration.ofMillis(800))),
			this.conditions);

	@Test
	void theCheapestTierMeetingTheQualityFloorServesTheClass() {
		Route route = this.resolver.resolve(request("math"));
		assertThat(route.tier()).isEqualTo("mid");
		assertThat(route.layer()).isEqualTo(RouteLayer.CLASS_POLICY);
		assertThat(route.reason()).contains("quality >= 0.85").contains("skipped small quality 0.55 < 0.85");
	}

	@Test
	void anUnavailableOrSlowTierIsPassedOver() {
		this.down.add("mid");
		assertThat(this.resolver.resolve(request("math")).tier()).isEqualTo("large");
		this.down.clear();
		this.p95.put("mid", 1500L);
		Route route = this.resolver.resolve(request("math"));
		assertThat(route.tier()).isEqualTo("large");
		assertThat(route.reason()).contains("mid p95 1500ms > 800ms");
	}

	@Test
	void whenNoTierQualifiesTheDefaultTierServes() {
		this.down.addAll(List.of("mid", "large"));
		assertThat(this.resolver.resolve(request("math")).layer()).isEqualTo(RouteLayer.DEFAULT);
	}

	@Test
	void rulesAndClassesWithoutAPolicyAreUnaffected() {
		assertThat(this.resolver.resolve(request("chit-chat")).layer()).isEqualTo(RouteLayer.RULE);
		assertThat(this.resolver.resolve(request("poetry")).layer()).isEqualTo(RouteLayer.DEFAULT);
	}

	private static RouteRequest request(String task) {
		return new RouteRequest("question", 10, false, null, task, null, Map.of());
	}

	private static Tier tier(String name, double in, double out) {
		return new Tier(name, List.of(new TierMember(name + "-0", name, "bean", new ScriptedChatModel(name), name, null,
				new Price(in, out))));
	}

}
