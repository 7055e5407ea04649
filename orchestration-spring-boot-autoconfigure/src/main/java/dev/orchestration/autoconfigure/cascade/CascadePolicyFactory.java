package dev.orchestration.autoconfigure.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.RoutingRuleBinder;
import dev.orchestration.cascade.CascadePolicies;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.cascade.*} into policies, failing start-up with the property and the fix when a verifier or
 * tier is unknown (ranges are checked by the binder).
 */
final class CascadePolicyFactory {

	private static final String PREFIX = OrchestrationCascadeProperties.CONFIG_PREFIX;

	private final OrchestrationCascadeProperties properties;

	private final Tiers tiers;

	private final Set<String> verifierNames;

	CascadePolicyFactory(OrchestrationCascadeProperties properties, Tiers tiers, Set<String> verifierNames) {
		this.properties = properties;
		this.tiers = tiers;
		this.verifierNames = verifierNames;
	}

	CascadePolicies policies() {
		CascadePolicy defaults = policy(PREFIX, "", new OrchestrationCascadeProperties.Task());
		Map<String, CascadePolicy> byTask = new LinkedHashMap<>();
		this.properties.getTasks()
			.forEach((task, settings) -> byTask.put(task, policy(PREFIX + ".tasks." + task, task, settings)));
		return new CascadePolicies(defaults, byTask);
	}

	private CascadePolicy policy(String prefix, String task, OrchestrationCascadeProperties.Task settings) {
		OrchestrationCascadeProperties p = this.properties;
		List<String> verifiers = or(settings.getVerifiers(), p.getVerifiers());
		String verifiersProperty = (settings.getVerifiers() != null) ? prefix + ".verifiers" : PREFIX + ".verifiers";
		for (int i = 0; i < verifiers.size(); i++) {
			if (!this.verifierNames.contains(verifiers.get(i))) {
				throw new InvalidOrchestrationConfigurationException(verifiersProperty + "[" + i + "]",
						"there is no verifier named '" + verifiers.get(i) + "'",
						"use one of " + this.verifierNames + " or define a ResponseVerifier bean with that name");
			}
		}
		List<String> path = or(settings.getPath(), p.getPath().isEmpty() ? new ArrayList<>(this.tiers.names()) : p.getPath());
		for (int i = 0; i < path.size(); i++) {
			tier((settings.getPath() != null ? prefix : PREFIX) + ".path[" + i + "]", path.get(i));
		}
		int maxEscalations = or(settings.getMaxEscalations(), p.getMaxEscalations());
		String judgeTier = or(settings.getJudgeTier(), p.getJudge().getTier());
		double threshold = or(settings.getJudgeThreshold(), p.getJudge().getThreshold());
		String agreementTier = or(settings.getAgreementTier(), p.getAgreement().getTier());
		requireTierFor(verifiers, "judge", judgeTier, prefix + ".judge-tier or " + PREFIX + ".judge.tier");
		requireTierFor(verifiers, "agreement", agreementTier,
				prefix + ".agreement-tier or " + PREFIX + ".agreement.tier");
		String regex = or(settings.getPattern(), p.getPattern());
		return new CascadePolicy(task, verifiers, path, maxEscalations,
				or(settings.getMaxCostPerRequest(), p.getMaxCostPerRequest()),
				RoutingRuleBinder.pattern((settings.getPattern() != null) ? prefix + ".pattern" : PREFIX + ".pattern", regex), judgeTier,
				threshold, p.getJudge().getTimeout(), p.getJudge().getOnFailure(), agreementTier,
				or(settings.getNormalizer(), p.getAgreement().getNormalizer()),
				or(settings.getStream(), p.getStream()));
	}

	private void requireTierFor(List<String> verifiers, String verifier, @Nullable String tier, String property) {
		if (!verifiers.contains(verifier)) {
			return;
		}
		if (tier == null) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the '" + verifier + "' verifier is used but no tier is named for it",
					"name one of the configured tiers " + this.tiers.names());
		}
		tier(property, tier);
	}

	private void tier(String property, String name) {
		if (!this.tiers.contains(name)) {
			throw new InvalidOrchestrationConfigurationException(property, "there is no tier named '" + name + "'",
					"use one of the configured tiers " + this.tiers.names());
		}
	}

	/**
	 * Fails start-up when a task sets review settings while the review hand-off is off (they would silently do
	 * nothing).
	 */
	static void requireNoTaskReviewSettings(OrchestrationCascadeProperties cascade) {
		cascade.getTasks().forEach((task, settings) -> {
			OrchestrationCascadeProperties.Review r = settings.getReview();
			if (r.isHighRisk() || r.getOnUnverified() != null || r.getDelivery() != null) {
				String property = PREFIX + ".tasks." + task + ".review";
				throw new InvalidOrchestrationConfigurationException(property,
						"the task has review settings but the review hand-off is off",
						"set llm.review.enabled=true, or remove " + property + ".*");
			}
		});
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
