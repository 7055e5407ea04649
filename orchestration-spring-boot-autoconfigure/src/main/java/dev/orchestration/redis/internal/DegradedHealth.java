package dev.orchestration.redis.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health convention of the starter's stores that degrade instead of failing (the
 * Redis caches, budget store and review queue, the audit trail): {@code UNKNOWN} with
 * {@code degraded: true} and a reason while degraded, {@code UP} otherwise, never
 * {@code DOWN}. {@code UNKNOWN} is ordered below {@code UP} by Boot, so a degraded store
 * never turns the application's health down nor masks a {@code DOWN} elsewhere. An
 * indicator opens the report, adds its own details, then closes it.
 */
public final class DegradedHealth {

	private DegradedHealth() {
	}

	/**
	 * Sets the status, then the detail naming the store and {@code degraded}.
	 * @param builder the indicator's builder
	 * @param unknown whether the status is {@code UNKNOWN}
	 * @param degraded the {@code degraded} detail
	 * @param storeKey the key of the detail naming the store ({@code store},
	 * {@code sink})
	 * @param store its value
	 * @return the builder
	 */
	public static Health.Builder open(Health.Builder builder, boolean unknown, boolean degraded, String storeKey,
			Object store) {
		return builder.status(unknown ? Status.UNKNOWN : Status.UP)
			.withDetail(storeKey, store)
			.withDetail("degraded", degraded);
	}

	/**
	 * Adds {@code reason} when there is one and {@code lastError} when there is one.
	 * @param builder the indicator's builder
	 * @param reason why the status is {@code UNKNOWN}, or {@code null} when it is not
	 * @param lastError the store's last error, or {@code null}
	 * @return the builder
	 */
	public static Health.Builder close(Health.Builder builder, @Nullable String reason, @Nullable String lastError) {
		if (reason != null) {
			builder.withDetail("reason", reason);
		}
		if (lastError != null) {
			builder.withDetail("lastError", lastError);
		}
		return builder;
	}

}
