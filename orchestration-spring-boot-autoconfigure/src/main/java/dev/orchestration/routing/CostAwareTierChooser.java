package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import org.jspecify.annotations.Nullable;

/**
 * Chooses, for a class, the cheapest tier whose expected quality meets the class's floor
 * and whose observed p95 latency meets its objective, among tiers that can be called now.
 * Tiers are compared by their cheapest member's price per million tokens (input and
 * output averaged).
 */
final class CostAwareTierChooser {

	private final Tiers tiers;

	private final TierConditions conditions;

	CostAwareTierChooser(Tiers tiers, TierConditions conditions) {
		this.tiers = tiers;
		this.conditions = conditions;
	}

	@Nullable Route choose(ClassPolicy policy, String source) {
		List<Tier> candidates = new ArrayList<>(this.tiers.all());
		candidates.sort(Comparator.comparingDouble(CostAwareTierChooser::price));
		List<String> skipped = new ArrayList<>();
		for (Tier tier : candidates) {
			Double quality = policy.quality().get(tier.name());
			if (quality == null) {
				continue;
			}
			if (quality < policy.qualityFloor()) {
				skipped.add(String.format(Locale.ROOT, "%s quality %.2f < %.2f", tier.name(), quality,
						policy.qualityFloor()));
				continue;
			}
			if (!this.conditions.available(tier.name())) {
				skipped.add(tier.name() + " unavailable");
				continue;
			}
			OptionalLong p95 = this.conditions.p95Millis(tier.name());
			if (policy.latencyObjective() != null && p95.isPresent()
					&& p95.getAsLong() > policy.latencyObjective().toMillis()) {
				skipped.add(tier.name() + " p95 " + p95.getAsLong() + "ms > " + policy.latencyObjective().toMillis()
						+ "ms");
				continue;
			}
			String reason = String.format(Locale.ROOT, "class %s (%s): cheapest tier with quality >= %.2f%s: %s (%.2f)",
					policy.task(), source, policy.qualityFloor(),
					(policy.latencyObjective() != null) ? " and p95 <= " + policy.latencyObjective().toMillis() + "ms"
							: "",
					tier.name(), quality) + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped));
			return new Route(tier.name(), RouteLayer.CLASS_POLICY, reason);
		}
		return null;
	}

	private static double price(Tier tier) {
		return tier.members()
			.stream()
			.mapToDouble((m) -> (m.price().inputPerMillion() + m.price().outputPerMillion()) / 2)
			.min()
			.orElse(Double.MAX_VALUE);
	}

}
