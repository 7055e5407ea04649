package dev.orchestration.actuate;

import dev.orchestration.redis.RedisGuard;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the Redis cache as {@code DEGRADED} while Redis is failing: requests are still served, the caches answer
 * with misses and writes are dropped until Redis answers again.
 */
public class CacheHealthIndicator extends AbstractHealthIndicator {

	/** Requests are served, but the shared cache is not. */
	public static final Status DEGRADED = new Status("DEGRADED", "Redis unavailable: caches serve misses");

	private final RedisGuard guard;

	public CacheHealthIndicator(RedisGuard guard) {
		super("LLM cache health check failed");
		this.guard = guard;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.guard.isDegraded() ? DEGRADED : Status.UP)
			.withDetail("store", "redis")
			.withDetail("failures", this.guard.failures());
		if (this.guard.lastError() != null) {
			builder.withDetail("lastError", this.guard.lastError());
		}
	}

}
