package dev.orchestration.autoconfigure.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.drift.internal.DriftExclusions;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.rollout.internal.CanaryGuards;
import dev.orchestration.rollout.internal.CanaryStep;
import dev.orchestration.routing.CanaryShare;
import dev.orchestration.routing.FailoverPolicy;
import dev.orchestration.routing.MemberSelector;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.StickyAssignment;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierConditions;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import dev.orchestration.statistics.RouteStatistics;
import dev.orchestration.statistics.internal.LiveTierConditions;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds the parts of a routing configuration from {@code llm.*} properties — tiers,
 * rules, failover policy, weights and canaries — for start-up and for every reload,
 * failing with the property and the fix.
 */
public final class RoutingConfigurationFactory {

	private final ListableBeanFactory beanFactory;

	private final StickyAssignment stickiness;

	public RoutingConfigurationFactory(ListableBeanFactory beanFactory, StickyAssignment stickiness) {
		this.beanFactory = beanFactory;
		this.stickiness = stickiness;
	}

	Tiers tiers(OrchestrationProperties properties) {
		return new TiersFactory(properties, this.beanFactory).tiers();
	}

	/**
	 * The failover policy the properties declare (the live router's, the shadow router's
	 * and a reload's).
	 */
	public static FailoverPolicy policy(OrchestrationProperties properties, Tiers tiers) {
		OrchestrationProperties.Routing routing = properties.getRouting();
		return new FailoverPolicy(routing.isEscalateOnTierFailure(),
				TiersFactory.optionalTier(tiers, "llm.routing.long-context-tier", routing.getLongContextTier()),
				TiersFactory.optionalTier(tiers, "llm.routing.content-policy-fallback-tier",
						routing.getContentPolicyFallbackTier()),
				properties.getResilience().getRateLimitCooldown(), routing.isFallBackToLowerTiers(),
				closedToFailover(properties));
	}

	/** The tiers declared with {@code failover-target: false}. */
	private static Set<String> closedToFailover(OrchestrationProperties properties) {
		Set<String> closed = new LinkedHashSet<>();
		properties.getTiers().forEach((name, tier) -> {
			if (!tier.isFailoverTarget()) {
				closed.add(name);
			}
		});
		return closed;
	}

	/**
	 * The rule-based resolver the auto-configuration builds (rules, default tier, class
	 * policies).
	 */
	RouteResolver resolver(OrchestrationProperties properties, Tiers tiers) {
		TiersFactory factory = new TiersFactory(properties, this.beanFactory);
		TierConditions live = new LiveTierConditions(tiers, this.beanFactory.getBean(MemberCircuitBreakers.class),
				this.beanFactory.getBean(MemberHealth.class), this.beanFactory.getBean(RouteStatistics.class));
		// a reloaded resolver keeps tiers that drift took out of the class policies out,
		// as the first one does
		DriftExclusions drifted = this.beanFactory.getBeanProvider(DriftExclusions.class).getIfAvailable();
		return new RuleBasedRouteResolver(tiers, factory.rules(tiers), factory.defaultTier(tiers),
				factory.classPolicies(tiers), (drifted != null) ? drifted.guard(live) : live);
	}

	/** The canaries the properties declare. */
	public List<CanaryController.Canary> canaries(OrchestrationProperties properties, Tiers tiers) {
		List<CanaryController.Canary> canaries = new ArrayList<>();
		forEachMember(properties, tiers, (settings, member, property) -> {
			OrchestrationProperties.Canary canary = settings.getCanary();
			if (canary.isEnabled()) {
				List<CanaryStep> steps = canary.getSteps()
					.stream()
					.map((step) -> new CanaryStep(CanaryShare.ofPercent(step.getShare()), step.getDuration()))
					.toList();
				OrchestrationProperties.CanaryGuardSettings guards = canary.getGuards();
				canaries.add(new CanaryController.Canary(member.id(), member.tier(), steps,
						new CanaryGuards(guards.getWindow(), guards.getMinRequests(), guards.getMaxErrorRate(),
								guards.getMaxP95Latency(), guards.getMinJudgeScore(), guards.getMaxEscalationRate())));
			}
		});
		return canaries;
	}

	/**
	 * The selector of these tiers with the given canary shares (by member id).
	 * @throws InvalidOrchestrationConfigurationException when a tier's weights or
	 * canaries cannot work
	 */
	public MemberSelector selector(OrchestrationProperties properties, Tiers tiers, Map<String, CanaryShare> shares) {
		MemberSelector.Builder builder = MemberSelector.builder().stickiness(this.stickiness);
		forEachMember(properties, tiers, (settings, member, property) -> {
			if (settings.getWeight() != null) {
				builder.weight(member.id(), settings.getWeight());
			}
			CanaryShare share = shares.get(member.id());
			if (share != null) {
				builder.canary(member.id(), share);
			}
		});
		try {
			return builder.build(tiers);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOrchestrationConfigurationException("llm.tiers", ex.getMessage(),
					"give each tier at most one canary beside at least one regular member, and a weight above 0 to "
							+ "one of its regular members when it uses weights");
		}
	}

	/**
	 * Members of the tiers with their properties (tiers are built from the properties in
	 * the same order).
	 */
	private static void forEachMember(OrchestrationProperties properties, Tiers tiers, MemberVisitor visitor) {
		properties.getTiers().forEach((name, settings) -> {
			Tier tier = tiers.get(name);
			if (tier == null) {
				return;
			}
			for (int i = 0; i < settings.getModels().size() && i < tier.members().size(); i++) {
				visitor.visit(settings.getModels().get(i), tier.members().get(i),
						"llm.tiers." + name + ".models[" + i + "]");
			}
		});
	}

	@FunctionalInterface
	private interface MemberVisitor {

		void visit(OrchestrationProperties.Member settings, TierMember member, String property);

	}

}
