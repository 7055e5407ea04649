package dev.orchestration.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orchestration.receipt.Escalation;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.receipt.TaskSource;

/**
 * Default {@link RouteResolver}: the caller's tier hint wins, then the first matching
 * rule, then the policy of the request's class (the cheapest tier meeting its quality
 * floor and latency objective), then the default tier.
 */
public class RuleBasedRouteResolver implements RouteResolver {

	private final Tiers tiers;

	private final List<RoutingRule> rules;

	private final String defaultTier;

	private final Map<String, ClassPolicy> classPolicies;

	private final CostAwareTierChooser chooser;

	public RuleBasedRouteResolver(Tiers tiers, List<RoutingRule> rules, String defaultTier) {
		this(tiers, rules, defaultTier, Map.of(), TierConditions.UNKNOWN);
	}

	public RuleBasedRouteResolver(Tiers tiers, List<RoutingRule> rules, String defaultTier,
			Map<String, ClassPolicy> classPolicies, TierConditions conditions) {
		this.tiers = tiers;
		this.rules = List.copyOf(rules);
		this.defaultTier = defaultTier;
		this.classPolicies = classPolicies.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((e) -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
		this.chooser = new CostAwareTierChooser(tiers, conditions);
	}

	@Override
	public Route resolve(RouteRequest request) {
		String hint = request.tierHint();
		if (hint != null) {
			if (!this.tiers.contains(hint)) {
				throw new UnknownTierException(hint, this.tiers.names());
			}
			Escalation escalation = request.escalation();
			return (escalation != null)
					? new Route(hint, RouteLayer.CASCADE, "escalated to " + hint + " from " + escalation.describe())
					: new Route(hint, RouteLayer.HINT, "caller asked for tier " + hint);
		}
		TaskSignal inferred = (request.taskSignal() != null && request.taskSignal().source().inferred())
				? request.taskSignal() : null;
		for (RoutingRule rule : this.rules) {
			if (rule.matches(request)) {
				if (inferred != null && rule.task() != null) {
					return new Route(rule.tier(), (inferred.source() == TaskSource.ROUTER_MODEL)
							? RouteLayer.ROUTER_MODEL : RouteLayer.CLASSIFIER,
							"task " + inferred.describe() + "; " + rule.describe());
				}
				return new Route(rule.tier(), RouteLayer.RULE, rule.describe());
			}
		}
		ClassPolicy policy = (request.task() != null) ? this.classPolicies.get(request.task().toLowerCase(Locale.ROOT))
				: null;
		if (policy != null) {
			Route chosen = this.chooser.choose(policy,
					(inferred != null) ? "inferred by " + inferred.source().id() : "hint");
			if (chosen != null) {
				return chosen;
			}
		}
		return new Route(this.defaultTier, RouteLayer.DEFAULT, "no rule matched; default tier " + this.defaultTier);
	}

	public Map<String, ClassPolicy> getClassPolicies() {
		return this.classPolicies;
	}

	public List<RoutingRule> getRules() {
		return this.rules;
	}

	public String getDefaultTier() {
		return this.defaultTier;
	}

}
