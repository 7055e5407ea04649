/**
 * Human review: answers the cascade could not verify, or that a policy marks high-risk,
 * handed to a review queue, resolved by a reviewer and exported as labelled evaluation
 * cases.
 */
@NullMarked
package dev.orchestration.review;

import org.jspecify.annotations.NullMarked;
