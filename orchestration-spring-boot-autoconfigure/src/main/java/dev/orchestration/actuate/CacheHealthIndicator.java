package dev.orchestration.actuate;

import dev.orchestration.redis.RedisGuard;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the Redis cache as {@code UNKNOWN} with {@code degraded: true} while Redis is failing: requests are still
 * served, the caches answer with misses and writes are dropped until Redis answers again. {@code UNKNOWN} is a status
 * Boot already orders below {@code UP}, so a degraded cache never turns the application's health down (nor, like a
 * custom status would, masks a {@code DOWN} elsewhere).
 */
public class CacheHealthIndicator extends AbstractHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: caches serve misses";

	private final RedisGuard guard;

	public CacheHealthIndicator(RedisGuard guard) {
		super("LLM cache health check failed");
		this.guard = guard;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.guard.isDegraded();
		builder.status(degraded ? Status.UNKNOWN : Status.UP)
			.withDetail("store", "redis")
			.withDetail("degraded", degraded)
			.withDetail("failures", this.guard.failures());
		if (degraded) {
			builder.withDetail("reason", DEGRADED_REASON);
		}
		if (this.guard.lastError() != null) {
			builder.withDetail("lastError", this.guard.lastError());
		}
	}

}
