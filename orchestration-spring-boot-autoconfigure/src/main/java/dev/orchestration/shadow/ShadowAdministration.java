package dev.orchestration.shadow;

import java.util.List;
import java.util.Map;

import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.shadow.internal.ShadowSettings;
import dev.orchestration.shadow.internal.ShadowTraffic;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoint shows about shadow traffic: the candidate policy, the bounds, counts
 * per result, running aggregates and the most recent comparisons.
 */
public class ShadowAdministration {

	private final ShadowTraffic traffic;

	private final RouteResolver candidateResolver;

	public ShadowAdministration(ShadowTraffic traffic, RouteResolver candidateResolver) {
		this.traffic = traffic;
		this.candidateResolver = candidateResolver;
	}

	public Report report() {
		ShadowSettings settings = this.traffic.getSettings();
		Candidate candidate = (this.candidateResolver instanceof RuleBasedRouteResolver rules)
				? new Candidate(rules.getDefaultTier(), rules.getRules().stream().map(RoutingRule::describe).toList())
				: new Candidate(null, List.of("custom RouteResolver: " + this.candidateResolver.getClass().getName()));
		return new Report(candidate, settings.sampleRate(), settings.maxCostPerDay(), this.traffic.spentToday(),
				this.traffic.overBudget(), (settings.normalizer() != null) ? settings.normalizer().name() : null,
				settings.judgeTier(), this.traffic.results(), this.traffic.aggregates(), this.traffic.recent());
	}

	/**
	 * Shadow traffic for the endpoint.
	 *
	 * @param candidate the candidate routing policy
	 * @param sampleRate share of requests shadowed
	 * @param maxCostPerDay USD bound per day
	 * @param spentToday USD spent on shadow calls today
	 * @param overBudget whether shadowing is stopped for the rest of the day
	 * @param normalizer extra agreement normalizer, if any
	 * @param judgeTier judge tier, if any
	 * @param requests sampled requests by result
	 * @param aggregates running aggregates of the comparisons
	 * @param recentComparisons the most recent comparisons, oldest first
	 */
	public record Report(Candidate candidate, double sampleRate, double maxCostPerDay, double spentToday,
			boolean overBudget, @Nullable String normalizer, @Nullable String judgeTier, Map<String, Long> requests,
			ShadowAggregates aggregates, List<ShadowComparison> recentComparisons) {
	}

	/** The candidate's default tier and rules in order. */
	public record Candidate(@Nullable String defaultTier, List<String> rules) {
	}

}
