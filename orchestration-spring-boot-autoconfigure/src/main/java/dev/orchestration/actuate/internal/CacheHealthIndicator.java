package dev.orchestration.actuate.internal;

import java.util.function.BooleanSupplier;

import dev.orchestration.redis.internal.DegradedHealth;
import dev.orchestration.redis.internal.RedisGuard;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the Redis cache as {@code UNKNOWN} with {@code degraded: true} while Redis is
 * failing: requests are still served, the caches answer with misses and writes are
 * dropped until Redis answers again. {@code UNKNOWN} is a status Boot already orders
 * below {@code UP}, so a degraded cache never turns the application's health down (nor,
 * like a custom status would, masks a {@code DOWN} elsewhere). With a Redis semantic
 * index, {@code semanticIndexSubscribed} says whether its subscription to other
 * instances' writes is up; until it is (Redis slow or down at start-up) the status is
 * {@code UNKNOWN} too.
 */
public class CacheHealthIndicator extends AbstractHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: caches serve misses";

	/**
	 * Why the status is {@code UNKNOWN} while Redis answers but the semantic index is not
	 * subscribed.
	 */
	public static final String NOT_SUBSCRIBED_REASON = "Redis semantic index not subscribed yet: semantic lookups "
			+ "see this instance's own entries only";

	private final RedisGuard guard;

	private final BooleanSupplier semanticIndexSubscribed;

	private final boolean semanticIndex;

	public CacheHealthIndicator(RedisGuard guard) {
		this(guard, null);
	}

	/**
	 * Health of the Redis caches.
	 * @param semanticIndexSubscribed whether the Redis semantic index is subscribed, or
	 * null without one
	 */
	public CacheHealthIndicator(RedisGuard guard,
			@org.jspecify.annotations.Nullable BooleanSupplier semanticIndexSubscribed) {
		super("LLM cache health check failed");
		this.guard = guard;
		this.semanticIndex = semanticIndexSubscribed != null;
		this.semanticIndexSubscribed = (semanticIndexSubscribed != null) ? semanticIndexSubscribed : () -> true;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.guard.isDegraded();
		boolean subscribed = this.semanticIndexSubscribed.getAsBoolean();
		DegradedHealth.open(builder, degraded || !subscribed, degraded, "store", "redis")
			.withDetail("failures", this.guard.failures());
		if (this.semanticIndex) {
			builder.withDetail("semanticIndexSubscribed", subscribed);
		}
		DegradedHealth.close(builder, degraded ? DEGRADED_REASON : (!subscribed) ? NOT_SUBSCRIBED_REASON : null,
				this.guard.lastError());
	}

}
