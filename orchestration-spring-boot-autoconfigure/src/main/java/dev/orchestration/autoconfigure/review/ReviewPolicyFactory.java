package dev.orchestration.autoconfigure.review;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeProperties;
import dev.orchestration.review.internal.ReviewPolicies;
import dev.orchestration.review.internal.ReviewPolicy;

/**
 * Turns {@code llm.review.*} and {@code llm.cascade.tasks.<task>.review.*} into review
 * policies, and fails start-up with the property and the fix when review settings cannot
 * take effect.
 */
final class ReviewPolicyFactory {

	private ReviewPolicyFactory() {
	}

	static ReviewPolicies policies(OrchestrationReviewProperties review, OrchestrationCascadeProperties cascade) {
		if (!cascade.isEnabled()) {
			throw new InvalidOrchestrationConfigurationException(
					OrchestrationReviewProperties.CONFIG_PREFIX + ".enabled",
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

}
