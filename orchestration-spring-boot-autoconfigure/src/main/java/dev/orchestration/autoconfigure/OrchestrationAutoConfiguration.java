package dev.orchestration.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.orchestration.autoconfigure.internal.RoutingConfigurationFactory;
import dev.orchestration.autoconfigure.internal.TiersFactory;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.cost.TokenPriceCostCalculator;
import dev.orchestration.drift.internal.DriftExclusions;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FailureClassifier;
import dev.orchestration.resilience.HttpErrorDetails;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.routing.DefaultRoutingObservationConvention;
import dev.orchestration.routing.FailoverPolicy;
import dev.orchestration.routing.MemberSelector;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingBudget;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatClientCustomizer;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatModelBuilder;
import dev.orchestration.routing.RoutingChatModelCustomizer;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.routing.RoutingDecisionListener;
import dev.orchestration.routing.RoutingObservationConvention;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.TierConditions;
import dev.orchestration.routing.Tiers;
import dev.orchestration.routing.ToolLoopReceiptAdvisor;
import dev.orchestration.statistics.RouteStatistics;
import dev.orchestration.statistics.internal.LiveTierConditions;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;

/**
 * Auto-configures the {@link RoutingChatModel} and {@link RoutingChatClient} from
 * {@code llm.tiers}. Backs off when no tier is configured or {@code llm.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration")
@ConditionalOnClass(ChatClient.class)
@ConditionalOnProperty(prefix = OrchestrationProperties.CONFIG_PREFIX, name = "enabled", matchIfMissing = true)
@Conditional(OnTiersConfiguredCondition.class)
@EnableConfigurationProperties({ OrchestrationProperties.class, OrchestrationRolloutProperties.class })
@Import({ OrchestrationResilienceConfiguration.class, ProviderFailureConfiguration.class,
		OrchestrationObservabilityConfiguration.class, OrchestrationRolloutConfiguration.class })
public final class OrchestrationAutoConfiguration {

	/**
	 * Spring AI's stream-error ERROR lines off, the router logs failed-over streams
	 * itself.
	 */
	@Bean
	static SpringAiStreamErrorLogging llmSpringAiStreamErrorLogging(
			org.springframework.core.env.Environment environment) {
		return new SpringAiStreamErrorLogging(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	Tiers llmTiers(OrchestrationProperties properties, ListableBeanFactory beanFactory) {
		return new TiersFactory(properties, beanFactory).tiers();
	}

	@Bean
	@ConditionalOnMissingBean
	RouteResolver llmRouteResolver(OrchestrationProperties properties, ListableBeanFactory beanFactory, Tiers tiers,
			MemberCircuitBreakers circuitBreakers, MemberHealth memberHealth, RouteStatistics statistics,
			ObjectProvider<DriftExclusions> driftExclusions) {
		TiersFactory factory = new TiersFactory(properties, beanFactory);
		TierConditions live = new LiveTierConditions(tiers, circuitBreakers, memberHealth, statistics);
		DriftExclusions drifted = driftExclusions.getIfAvailable();
		return new RuleBasedRouteResolver(tiers, factory.rules(tiers), factory.defaultTier(tiers),
				factory.classPolicies(tiers), (drifted != null) ? drifted.guard(live) : live);
	}

	@Bean
	@ConditionalOnMissingBean
	FailureClassifier llmFailureClassifier(ObjectProvider<HttpErrorDetails.Extractor> extractors) {
		return new DefaultFailureClassifier(extractors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	CostCalculator llmCostCalculator() {
		return new TokenPriceCostCalculator();
	}

	@Bean
	@ConditionalOnMissingBean
	MemberHealth llmMemberHealth(OrchestrationProperties properties) {
		return new MemberHealth(Clock.systemUTC(), properties.getResilience().getUnhealthyDuration(),
				properties.getResilience().getAccountUnavailableDuration());
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	RoutingChatModelBuilder routingChatModelBuilder(OrchestrationProperties properties, ListableBeanFactory beanFactory,
			Tiers tiers, RouteResolver routeResolver, MemberCircuitBreakers circuitBreakers,
			FailureClassifier failureClassifier, MemberHealth memberHealth, CostCalculator costCalculator,
			ObjectProvider<RoutingDecisionListener> listeners, ObjectProvider<RoutingBudget> budget,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RoutingObservationConvention> observationConvention, OrchestrationRolloutProperties rollout,
			CanaryController canaries) {
		RoutingConfigurationFactory factory = new RoutingConfigurationFactory(beanFactory,
				rollout.getStickyAssignment());
		FailoverPolicy policy = RoutingConfigurationFactory.policy(properties, tiers);
		MemberSelector selector = factory.selector(properties, tiers,
				canaries.install(factory.canaries(properties, tiers)));
		List<RoutingDecisionListener> decisionListeners = listeners.orderedStream().toList();
		return RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(routeResolver)
			.circuitBreakers(circuitBreakers)
			.failureClassifier(failureClassifier)
			.failoverPolicy(policy)
			.memberSelector(selector)
			.memberHealth(memberHealth)
			.costCalculator(costCalculator)
			.listeners(decisionListeners)
			.includePrompts(properties.getObservability().isIncludePrompts())
			.requireFinishReason(properties.getResilience().isRequireStreamFinishReason())
			.budget(budget.getIfUnique(() -> RoutingBudget.UNLIMITED))
			.deadline(properties.getResilience().getDeadline())
			.streamStallTimeout(properties.getResilience().getStreamStallTimeout())
			.failoverLogLevel(properties.getRouting().getFailoverLogLevel())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique(DefaultRoutingObservationConvention::new));
	}

	/**
	 * The router, built from the prepared builder after every
	 * {@link RoutingChatModelCustomizer}. It is the primary ChatModel, so a ChatModel
	 * injected without a qualifier (Spring AI's own {@code ChatClient.Builder} included)
	 * is the router; see docs/customizing.md.
	 */
	@Bean
	@Primary
	@ConditionalOnMissingBean
	RoutingChatModel routingChatModel(ObjectProvider<RoutingChatModelBuilder> builder,
			ObjectProvider<RoutingChatModelCustomizer> customizers) {
		RoutingChatModelBuilder prepared = builder.getObject();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(prepared));
		return prepared.build();
	}

	/**
	 * The routing client: the router under Spring AI's ChatClient, with every
	 * {@link RoutingClientAdvisor} (caches, cascade, shadow traffic) and, as its
	 * tool-calling advisor, the {@link ToolLoopReceiptAdvisor} (Spring AI's loop, keeping
	 * the receipts of every turn), so the chain holds no advisor beyond those a plain
	 * client has.
	 */
	@Bean
	@ConditionalOnMissingBean
	RoutingChatClient routingChatClient(RoutingChatModel routingChatModel,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ToolCallingManager> toolCallingManager, ObjectProvider<ChatClientCustomizer> customizers,
			ObjectProvider<RoutingClientAdvisor> advisors,
			ObjectProvider<RoutingChatClientCustomizer> routingCustomizers) {
		ObservationRegistry observations = observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
		ToolLoopReceiptAdvisor.Builder toolLoop = ToolLoopReceiptAdvisor.receiptBuilder()
			.toolCallingManager(toolCallingManager
				.getIfUnique(() -> ToolCallingManager.builder().observationRegistry(observations).build()));
		ChatClient.Builder builder = ChatClient.builder(routingChatModel, observations, null, null, toolLoop);
		builder.defaultAdvisors(advisors.orderedStream()
			.filter((advisor) -> !advisor.isPassThrough())
			.map(Advisor.class::cast)
			.toList());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		routingCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new RoutingChatClient(builder.build(), routingChatModel);
	}

}
