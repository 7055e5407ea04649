package dev.orchestration.autoconfigure.shadow;

import java.time.Clock;
import java.util.List;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.autoconfigure.internal.RoutingRuleBinder;
import dev.orchestration.autoconfigure.internal.RoutingConfigurationFactory;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.resilience.FailureClassifier;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.routing.FailoverPolicy;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.Tiers;
import dev.orchestration.shadow.ShadowAdministration;
import dev.orchestration.shadow.internal.ShadowMetrics;
import dev.orchestration.shadow.internal.ShadowSettings;
import dev.orchestration.shadow.internal.ShadowTraffic;
import dev.orchestration.shadow.internal.ShadowTrafficAdvisor;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Shadow traffic ({@code llm.shadow.enabled=true}): a share of the
 * {@code RoutingChatClient}'s requests is also sent, asynchronously and within a daily
 * cost bound, to a candidate routing policy built from
 * {@code llm.shadow.candidate.routing.*} over the live tiers, breakers and failure
 * classifier.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationShadowProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationShadowProperties.class)
public final class OrchestrationShadowAutoConfiguration {

	private static final String PREFIX = OrchestrationShadowProperties.CONFIG_PREFIX;

	/** The candidate router's bean name. */
	public static final String ROUTER = "llmShadowRouter";

	/** The candidate route resolver's bean name. */
	public static final String RESOLVER = "llmShadowRouteResolver";

	/**
	 * The candidate's route resolver. Not a default candidate: injecting a
	 * {@code RouteResolver} by type still gets the live one; ask for this one by name
	 * ({@value #RESOLVER}).
	 */
	@Bean(name = RESOLVER, defaultCandidate = false)
	@ConditionalOnMissingBean(name = RESOLVER)
	RuleBasedRouteResolver llmShadowRouteResolver(OrchestrationShadowProperties shadow,
			OrchestrationProperties properties, Tiers tiers) {
		OrchestrationShadowProperties.Routing candidate = shadow.getCandidate().getRouting();
		String defaultTier = (candidate.getDefaultTier() != null) ? RoutingRuleBinder.requireTier(tiers,
				PREFIX + ".candidate.routing.default-tier", candidate.getDefaultTier())
				: liveDefaultTier(properties, tiers);
		return new RuleBasedRouteResolver(tiers, rules(candidate, tiers), defaultTier);
	}

	/**
	 * The candidate router: the candidate's resolver over the live tiers, breakers and
	 * failure classifier, with no decision listeners (live statistics and meters stay
	 * live-only) and no budget (the shadow has its own bound). Not a default candidate: a
	 * {@code ChatModel} or {@code RoutingChatModel} injected by type is still the live
	 * router; ask for this one by name ({@value #ROUTER}).
	 */
	@Bean(name = ROUTER, defaultCandidate = false)
	@ConditionalOnMissingBean(name = ROUTER)
	RoutingChatModel llmShadowRouter(@Qualifier(RESOLVER) RouteResolver resolver, OrchestrationProperties properties,
			Tiers tiers, MemberCircuitBreakers circuitBreakers, FailureClassifier failureClassifier,
			MemberHealth memberHealth, CostCalculator costCalculator) {
		FailoverPolicy policy = RoutingConfigurationFactory.policy(properties, tiers);
		return RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(resolver)
			.circuitBreakers(circuitBreakers)
			.failureClassifier(failureClassifier)
			.failoverPolicy(policy)
			.memberHealth(memberHealth)
			.costCalculator(costCalculator)
			.requireFinishReason(properties.getResilience().isRequireStreamFinishReason())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTraffic llmShadowTraffic(OrchestrationShadowProperties shadow, Tiers tiers,
			@Qualifier(ROUTER) RoutingChatModel candidate, ObjectProvider<ShadowMetrics> metrics) {
		return new ShadowTraffic(candidate, settings(shadow, tiers),
				metrics.getIfAvailable(() -> new ShadowMetrics(new CompositeMeterRegistry())), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTrafficAdvisor llmShadowTrafficAdvisor(ShadowTraffic traffic) {
		return new ShadowTrafficAdvisor(traffic);
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowAdministration llmShadowAdministration(ShadowTraffic traffic, @Qualifier(RESOLVER) RouteResolver resolver) {
		return new ShadowAdministration(traffic, resolver);
	}

	static ShadowSettings settings(OrchestrationShadowProperties shadow, Tiers tiers) {
		String judgeTier = shadow.getJudge().getTier();
		if (judgeTier != null) {
			RoutingRuleBinder.requireTier(tiers, PREFIX + ".judge.tier", judgeTier);
		}
		return new ShadowSettings(shadow.getSampleRate(), shadow.getMaxCostPerDay(), shadow.getThreads(),
				shadow.getQueueCapacity(), shadow.getNormalizer(), judgeTier, shadow.getRecentComparisons());
	}

	private static List<RoutingRule> rules(OrchestrationShadowProperties.Routing routing, Tiers tiers) {
		return RoutingRuleBinder.rules(PREFIX + ".candidate.routing.rules", routing.getRules(), tiers);
	}

	private static String liveDefaultTier(OrchestrationProperties properties, Tiers tiers) {
		String configured = properties.getRouting().getDefaultTier();
		return (configured != null && tiers.contains(configured)) ? configured : tiers.all().get(0).name();
	}

}
