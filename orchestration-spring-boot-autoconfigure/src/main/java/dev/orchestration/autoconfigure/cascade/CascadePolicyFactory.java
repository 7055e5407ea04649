package dev.orchestration.autoconfigure.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.internal.RoutingRuleBinder;
import dev.orchestration.cascade.CascadePolicies;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.cascade.EnsembleSettings;
import dev.orchestration.cascade.RetrySettings;
import dev.orchestration.cascade.VoteSettings;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.cascade.*} into policies, failing start-up with the property and the
 * fix when a verifier or tier is unknown (ranges are checked by the binder).
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
		List<String> path = or(settings.getPath(),
				p.getPath().isEmpty() ? new ArrayList<>(this.tiers.names()) : p.getPath());
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
		OrchestrationCascadeProperties.Vote vote = or(settings.getVote(), p.getVote());
		String voteProperty = (settings.getVote() != null) ? prefix + ".vote" : PREFIX + ".vote";
		OrchestrationCascadeProperties.Ensemble ensemble = or(settings.getEnsemble(), p.getEnsemble());
		String ensembleProperty = (settings.getEnsemble() != null) ? prefix + ".ensemble" : PREFIX + ".ensemble";
		OrchestrationCascadeProperties.Retry retry = or(settings.getRetry(), p.getRetry());
		String retryProperty = (settings.getRetry() != null) ? prefix + ".retry" : PREFIX + ".retry";
		VoteSettings voteSettings = vote(verifiers, vote, voteProperty);
		EnsembleSettings ensembleSettings = ensemble(ensemble, ensembleProperty, judgeTier,
				prefix + ".judge-tier or " + PREFIX + ".judge.tier");
		retry(retry, retryProperty);
		return new CascadePolicy(task, verifiers, path, maxEscalations,
				or(settings.getMaxCostPerRequest(), p.getMaxCostPerRequest()),
				RoutingRuleBinder.pattern((settings.getPattern() != null) ? prefix + ".pattern" : PREFIX + ".pattern",
						regex),
				judgeTier, threshold, p.getJudge().getTimeout(), p.getJudge().getOnFailure(), agreementTier,
				or(settings.getNormalizer(), p.getAgreement().getNormalizer()), voteSettings, ensembleSettings,
				retry.settings(), or(settings.getStream(), p.getStream()));
	}

	private @Nullable VoteSettings vote(List<String> verifiers, OrchestrationCascadeProperties.Vote vote,
			String property) {
		if (!verifiers.contains("vote")) {
			return null;
		}
		if (vote.getVoters().isEmpty() && vote.getSamples() == 0) {
			throw new InvalidOrchestrationConfigurationException(property + ".voters",
					"the 'vote' verifier is used but nobody votes (no voters and no samples)",
					"name voter tiers among " + this.tiers.names() + " or set " + property + ".samples");
		}
		for (int i = 0; i < vote.getVoters().size(); i++) {
			tier(property + ".voters[" + i + "]", vote.getVoters().get(i));
		}
		double reachable = vote.getWeights().values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
		reachable = Math.max(1, reachable) * (1 + vote.getVoters().size() + vote.getSamples());
		if (vote.getQuorum() > reachable + 1e-12) {
			throw new InvalidOrchestrationConfigurationException(property + ".quorum",
					"the quorum " + vote.getQuorum() + " can never be reached by "
							+ (1 + vote.getVoters().size() + vote.getSamples()) + " votes of weight at most "
							+ reachable / (1 + vote.getVoters().size() + vote.getSamples()),
					"lower the quorum or add voters or samples");
		}
		return new VoteSettings(vote.getVoters(), vote.getSamples(), vote.getTemperature(), vote.getQuorum(),
				vote.getNormalizer(), vote.getWeights(), vote.getMaxConcurrency(), vote.getTimeout());
	}

	private @Nullable EnsembleSettings ensemble(OrchestrationCascadeProperties.Ensemble ensemble, String property,
			@Nullable String judgeTier, String judgeProperty) {
		if (ensemble.getMembers().isEmpty()) {
			return null;
		}
		for (int i = 0; i < ensemble.getMembers().size(); i++) {
			tier(property + ".members[" + i + "]", ensemble.getMembers().get(i));
		}
		if (ensemble.getEscalateTo() != null) {
			tier(property + ".escalate-to", ensemble.getEscalateTo());
		}
		if (ensemble.getPick() == EnsembleSettings.Pick.JUDGE) {
			if (judgeTier == null) {
				throw new InvalidOrchestrationConfigurationException(judgeProperty,
						"the ensemble picks by judge (" + property + ".pick=judge) but no judge tier is named",
						"name one of the configured tiers " + this.tiers.names());
			}
			tier(judgeProperty, judgeTier);
			if (!this.verifierNames.contains("judge")) {
				throw new InvalidOrchestrationConfigurationException(property + ".pick",
						"there is no 'judge' verifier to pick with", "keep the built-in judge or pick by vote");
			}
		}
		if (ensemble.getPick() == EnsembleSettings.Pick.VOTE) {
			double most = Math.max(1,
					ensemble.getWeights().values().stream().mapToDouble(Double::doubleValue).max().orElse(1))
					* ensemble.getMembers().size();
			if (ensemble.getQuorum() > most + 1e-12) {
				throw new InvalidOrchestrationConfigurationException(property + ".quorum",
						"the quorum " + ensemble.getQuorum() + " can never be reached by "
								+ ensemble.getMembers().size() + " members",
						"lower the quorum or add members");
			}
		}
		return new EnsembleSettings(ensemble.getMembers(), ensemble.getPick(), ensemble.getQuorum(),
				ensemble.getNormalizer(), ensemble.getWeights(), ensemble.getMaxConcurrency(), ensemble.getMaxCost(),
				ensemble.getTimeout(), ensemble.getEscalateTo());
	}

	private void retry(OrchestrationCascadeProperties.Retry retry, String property) {
		for (String verifier : retry.getOn().keySet()) {
			if (!RetrySettings.ANY_VERIFIER.equals(verifier) && !this.verifierNames.contains(verifier)) {
				throw new InvalidOrchestrationConfigurationException(property + ".on." + verifier,
						"there is no verifier named '" + verifier + "' to retry after",
						"use one of " + this.verifierNames + " or '" + RetrySettings.ANY_VERIFIER + "'");
			}
		}
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
	 * Fails start-up when a task sets review settings while the review hand-off is off
	 * (they would silently do nothing).
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
