package dev.orchestration.review.internal;

import dev.orchestration.review.ReviewDelivery;
import dev.orchestration.review.ReviewRequiredException;

/**
 * When the answers of one task go to human review, and what the caller then gets.
 *
 * @param onUnverified whether an answer that failed every allowed step goes to review
 * @param highRisk whether every answer of the task goes to review
 * @param delivery the flagged answer, or a {@link ReviewRequiredException}
 */
public record ReviewPolicy(boolean onUnverified, boolean highRisk, ReviewDelivery delivery) {

}
