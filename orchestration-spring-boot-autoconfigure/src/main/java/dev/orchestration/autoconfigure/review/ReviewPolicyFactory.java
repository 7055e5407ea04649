package dev.orchestration.autoconfigure.review;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeProperties;
import dev.orchestration.review.ReviewPolicies;
import dev.orchestration.review.ReviewPolicy;

/**
 * Turns {@code llm.review.*} and {@code llm.cascade.tasks.<task>.review.*} into review policies, and fails start-up
 * with the property and the fix when review settings cannot take effect.
 */
public final class ReviewPolicyFactory {

	private ReviewPolicyFactory() {
	}

	static ReviewPolicies policies(OrchestrationReviewProperties review, OrchestrationCascadeProperties cascade) {
		if (!cascade.isEnabled()) {
			throw new InvalidOrchestrationConfigurationException(OrchestrationReviewProperties.CONFIG_PREFIX + ".enabled",
					"the review hand-off reviews cascaded answers, but the cascade is off",
					"set llm.cascade.enabled=true (with verifiers, or tasks marked review.high-risk), or set llm.review.enabled=false");
		}
		ReviewPolicy defaults = new ReviewPolicy(review.isOnUnverified(), false, review.getDelivery());
		Map<String, ReviewPolicy> byTask = new LinkedHashMap<>();
		cascade.getTasks().forEach((task, settings) -> {
			OrchestrationCascadeProperties.Review r = settings.getReview();
			byTask.put(task,
					new ReviewPolicy((r.getOnUnverified() != null) ? r.getOnUnverified() : review.isOnUnverified(),
							r.isHighRisk(), (r.getDelivery() != null) ? r.getDelivery() : review.getDelivery()));
		});
		return new ReviewPolicies(defaults, byTask);
	}

	/**
	 * Fails start-up when a task sets review settings while the hand-off is off (they would silently do nothing).
	 * Called by the cascade auto-configuration when there is no review hand-off.
	 */
	public static void requireNoTaskReviewSettings(OrchestrationCascadeProperties cascade) {
		cascade.getTasks().forEach((task, settings) -> {
			OrchestrationCascadeProperties.Review r = settings.getReview();
			if (r.isHighRisk() || r.getOnUnverified() != null || r.getDelivery() != null) {
				String property = OrchestrationCascadeProperties.CONFIG_PREFIX + ".tasks." + task + ".review";
				throw new InvalidOrchestrationConfigurationException(property,
						"the task has review settings but the review hand-off is off",
						"set llm.review.enabled=true, or remove " + property + ".*");
			}
		});
	}

}
