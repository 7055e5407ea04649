package dev.orchestration.autoconfigure.shadow;

import java.time.Clock;
import java.util.List;

import dev.orchestration.autoconfigure.RoutingRuleBinder;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.resilience.FailureClassifier;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.routing.FailoverPolicy;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.Tiers;
import dev.orchestration.shadow.ShadowAdministration;
import dev.orchestration.shadow.ShadowCandidate;
import dev.orchestration.shadow.ShadowMetrics;
import dev.orchestration.shadow.ShadowSettings;
import dev.orchestration.shadow.ShadowTraffic;
import dev.orchestration.shadow.ShadowTrafficAdvisor;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Shadow traffic ({@code llm.shadow.enabled=true}): a share of the {@code RoutingChatClient}'s requests is also sent,
 * asynchronously and within a daily cost bound, to a candidate routing policy built from
 * {@code llm.shadow.candidate.routing.*} over the live tiers, breakers and failure classifier.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationShadowProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationShadowProperties.class)
public final class OrchestrationShadowAutoConfiguration {

	private static final String PREFIX = OrchestrationShadowProperties.CONFIG_PREFIX;

	@Bean
	@ConditionalOnMissingBean
	ShadowCandidate llmShadowCandidate(OrchestrationShadowProperties shadow, OrchestrationProperties properties,
			Tiers tiers, MemberCircuitBreakers circuitBreakers, FailureClassifier failureClassifier,
			MemberHealth memberHealth, CostCalculator costCalculator) {
		OrchestrationShadowProperties.Routing candidate = shadow.getCandidate().getRouting();
		String defaultTier = (candidate.getDefaultTier() != null)
				? RoutingRuleBinder.requireTier(tiers, PREFIX + ".candidate.routing.default-tier", candidate.getDefaultTier())
				: liveDefaultTier(properties, tiers);
		RuleBasedRouteResolver resolver = new RuleBasedRouteResolver(tiers, rules(candidate, tiers), defaultTier);
		OrchestrationProperties.Routing routing = properties.getRouting();
		FailoverPolicy policy = new FailoverPolicy(routing.isEscalateOnTierFailure(), routing.getLongContextTier(),
				routing.getContentPolicyFallbackTier(), properties.getResilience().getRateLimitCooldown());
		// no decision listeners (live statistics and meters stay live-only) and no budget (the shadow has its own)
		RoutingChatModel router = RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(resolver)
			.circuitBreakers(circuitBreakers)
			.failureClassifier(failureClassifier)
			.failoverPolicy(policy)
			.memberHealth(memberHealth)
			.costCalculator(costCalculator)
			.requireFinishReason(properties.getResilience().isRequireStreamFinishReason())
			.build();
		return new ShadowCandidate(resolver, router);
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTraffic llmShadowTraffic(OrchestrationShadowProperties shadow, Tiers tiers, ShadowCandidate candidate,
			ObjectProvider<ShadowMetrics> metrics) {
		return new ShadowTraffic(candidate.router(), settings(shadow, tiers),
				metrics.getIfAvailable(() -> new ShadowMetrics(new CompositeMeterRegistry())), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTrafficAdvisor llmShadowTrafficAdvisor(ShadowTraffic traffic) {
		return new ShadowTrafficAdvisor(traffic);
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowAdministration llmShadowAdministration(ShadowTraffic traffic, ShadowCandidate candidate) {
		return new ShadowAdministration(traffic, candidate.resolver());
	}

	static ShadowSettings settings(OrchestrationShadowProperties shadow, Tiers tiers) {
		String judgeTier = shadow.getJudge().getTier();
		if (judgeTier != null) {
			RoutingRuleBinder.requireTier(tiers, PREFIX + ".judge.tier", judgeTier);
		}
		return new ShadowSettings(shadow.getSampleRate(), shadow.getMaxCostPerDay(), shadow.getThreads(), shadow.getQueueCapacity(),
				shadow.getNormalizer(), judgeTier, shadow.getRecentComparisons());
	}

	private static List<RoutingRule> rules(OrchestrationShadowProperties.Routing routing, Tiers tiers) {
		return RoutingRuleBinder.rules(PREFIX + ".candidate.routing.rules", routing.getRules(), tiers);
	}

	private static String liveDefaultTier(OrchestrationProperties properties, Tiers tiers) {
		String configured = properties.getRouting().getDefaultTier();
		return (configured != null && tiers.contains(configured)) ? configured : tiers.all().get(0).name();
	}

}
