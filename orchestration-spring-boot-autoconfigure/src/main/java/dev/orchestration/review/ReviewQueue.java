package dev.orchestration.review;

import java.util.List;
import java.util.Optional;

import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.review.internal.InMemoryReviewQueue;
import dev.orchestration.review.internal.RedisReviewQueue;
import org.jspecify.annotations.Nullable;

/**
 * Where answers wait for a reviewer: in memory by default ({@link InMemoryReviewQueue}),
 * a Redis Stream shared by every instance with {@code llm.review.store=redis}
 * ({@link RedisReviewQueue}), or a bean of your own. Submitting never throws and never
 * blocks longer than the store's timeout: the request that produced the answer is served
 * whatever the queue does.
 */
public interface ReviewQueue {

	/** Hands a review over; says where it went. */
	ReviewTicket.Status submit(ReviewRequest request);

	/** Open reviews, oldest first, at most {@code limit}. */
	List<Review> open(int limit);

	/** Resolved reviews, oldest first, at most {@code limit}. */
	List<Review> resolved(int limit);

	Optional<Review> find(String id);

	/**
	 * Resolves an open review; the first resolution wins (across instances for a shared
	 * queue).
	 */
	Resolution resolve(String id, ReviewResolution resolution);

	/**
	 * What a resolve call did.
	 *
	 * @param result resolved, not found, or already resolved (then {@code review} holds
	 * the earlier decision)
	 * @param review the review after the call, or {@code null} when not found
	 */
	record Resolution(Result result, @Nullable Review review) {

		/** The result of a resolve call. */
		public enum Result {

			RESOLVED, NOT_FOUND, ALREADY_RESOLVED

		}

	}

}
