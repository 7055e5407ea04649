package dev.orchestration.autoconfigure.cascade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.cascade.AgreementVerifier;
import dev.orchestration.cascade.AnswerReview;
import dev.orchestration.cascade.JsonSchemaVerifier;
import dev.orchestration.cascade.JudgeVerifier;
import dev.orchestration.cascade.ResponseVerifier;
import dev.orchestration.cascade.Validators;
import dev.orchestration.cascade.VoteVerifier;
import dev.orchestration.cascade.internal.CallCostEstimator;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.cascade.internal.CascadeMetrics;
import dev.orchestration.cascade.internal.EnsembleRunner;
import dev.orchestration.cascade.internal.EscalationLimiter;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.cost.TokenPriceCostCalculator;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.rollout.internal.RolloutAdvisor;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.Tiers;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The cascade advisor on the {@code RoutingChatClient}, with the built-in verifiers
 * (non-empty, not-truncated, refusal, pattern, json-schema, judge, agreement, vote), the
 * ensemble runner and any {@link ResponseVerifier} beans of the application. Its meters
 * are on the application's MeterRegistry when there is one (an empty composite
 * otherwise).
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationCascadeProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationCascadeProperties.class)
public final class OrchestrationCascadeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VoteVerifier llmVoteVerifier(RoutingChatModel routingChatModel) {
		return new VoteVerifier(routingChatModel);
	}

	@Bean
	@ConditionalOnMissingBean
	AgreementVerifier llmAgreementVerifier(VoteVerifier voteVerifier) {
		return new AgreementVerifier(voteVerifier);
	}

	@Bean
	@ConditionalOnMissingBean
	EnsembleRunner llmEnsembleRunner(OrchestrationCascadeProperties properties, Tiers tiers,
			ObjectProvider<CostCalculator> costCalculator) {
		return new EnsembleRunner(
				new CallCostEstimator(tiers, costCalculator.getIfAvailable(TokenPriceCostCalculator::new),
						properties.getEnsemble().getEstimatedOutputTokens()));
	}

	@Bean
	@ConditionalOnMissingBean
	JudgeVerifier llmJudgeVerifier(RoutingChatModel routingChatModel) {
		return new JudgeVerifier(routingChatModel);
	}

	@Bean
	@ConditionalOnMissingBean
	JsonSchemaVerifier llmJsonSchemaVerifier() {
		return new JsonSchemaVerifier();
	}

	/**
	 * Feeds the cascade's verdicts on canary answers (judge score, escalation) to the
	 * canary guards; registered with the cascade, since without one there are no verdicts
	 * to feed (and no advisor to pay for on every request).
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CanaryController.class)
	RolloutAdvisor llmRolloutAdvisor(CanaryController canaries) {
		return new RolloutAdvisor(canaries);
	}

	@Bean
	@ConditionalOnMissingBean
	CascadeAdvisor llmCascadeAdvisor(OrchestrationCascadeProperties properties, Tiers tiers,
			ObjectProvider<ResponseVerifier> verifierBeans, ObjectProvider<CascadeMetrics> metrics,
			ObjectProvider<AnswerReview> review, EnsembleRunner ensembleRunner) {
		Map<String, ResponseVerifier> verifiers = new LinkedHashMap<>();
		for (ResponseVerifier builtIn : List.of(Validators.nonEmpty(), Validators.notTruncated(),
				Validators.noRefusal(), Validators.pattern())) {
			verifiers.put(builtIn.name(), builtIn);
		}
		verifierBeans.orderedStream().forEach((verifier) -> verifiers.put(verifier.name(), verifier));
		OrchestrationCascadeProperties.EscalationRate rate = properties.getEscalationRate();
		AnswerReview handOff = review.getIfAvailable();
		if (handOff == null) {
			CascadePolicyFactory.requireNoTaskReviewSettings(properties);
		}
		return new CascadeAdvisor(new CascadePolicyFactory(properties, tiers, verifiers.keySet()).policies(), verifiers,
				new EscalationLimiter(rate.getPermitsPerSecond(), rate.getBurst()),
				metrics.getIfAvailable(() -> new CascadeMetrics(new CompositeMeterRegistry())),
				(handOff != null) ? handOff : AnswerReview.NONE, ensembleRunner);
	}

}
