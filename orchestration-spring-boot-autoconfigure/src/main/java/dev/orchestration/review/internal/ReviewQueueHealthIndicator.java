package dev.orchestration.review.internal;

import dev.orchestration.redis.internal.DegradedStoreHealthIndicator;

/**
 * Reports the Redis review queue as {@code UNKNOWN} with {@code degraded: true} while
 * Redis is failing: requests are still served and flagged, and reviews are held in this
 * instance until Redis answers again. {@code UNKNOWN} is ordered below {@code UP} by
 * Boot, so it never turns the application's health down.
 */
public class ReviewQueueHealthIndicator extends DegradedStoreHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: reviews held in this instance";

	public ReviewQueueHealthIndicator(RedisReviewQueue queue) {
		super(new What("LLM review queue health check failed", "store", () -> "redis", DEGRADED_REASON),
				queue::isDegraded, queue::lastError,
				(builder) -> builder.withDetail("failures", queue.failures()).withDetail("heldLocally", queue.held()));
	}

}
