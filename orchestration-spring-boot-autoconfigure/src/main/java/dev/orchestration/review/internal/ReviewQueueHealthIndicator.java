package dev.orchestration.review.internal;

import dev.orchestration.redis.internal.DegradedHealth;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the Redis review queue as {@code UNKNOWN} with {@code degraded: true} while
 * Redis is failing: requests are still served and flagged, and reviews are held in this
 * instance until Redis answers again. {@code UNKNOWN} is ordered below {@code UP} by
 * Boot, so it never turns the application's health down.
 */
public class ReviewQueueHealthIndicator extends AbstractHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: reviews held in this instance";

	private final RedisReviewQueue queue;

	public ReviewQueueHealthIndicator(RedisReviewQueue queue) {
		super("LLM review queue health check failed");
		this.queue = queue;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.queue.isDegraded();
		DegradedHealth.open(builder, degraded, degraded, "store", "redis")
			.withDetail("failures", this.queue.failures())
			.withDetail("heldLocally", this.queue.held());
		DegradedHealth.close(builder, degraded ? DEGRADED_REASON : null, this.queue.lastError());
	}

}
