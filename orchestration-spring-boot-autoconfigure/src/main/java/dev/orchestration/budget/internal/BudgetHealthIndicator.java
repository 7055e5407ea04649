package dev.orchestration.budget.internal;

import dev.orchestration.redis.internal.DegradedStoreHealthIndicator;

/**
 * Reports the shared budget store as {@code UNKNOWN} with {@code degraded: true} while
 * Redis is failing: requests are still served, and this instance enforces budgets with
 * local accounting (last totals seen in Redis plus its own spend) until Redis answers
 * again, then adds what it accounted meanwhile. {@code UNKNOWN} is ordered below
 * {@code UP} by Boot, so it never turns the application's health down nor masks a
 * {@code DOWN} elsewhere.
 */
public class BudgetHealthIndicator extends DegradedStoreHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: budgets enforced with local accounting in this instance";

	public BudgetHealthIndicator(RedisBudgetStore store) {
		super(new What("LLM budget health check failed", "store", () -> "redis", DEGRADED_REASON), store::isDegraded,
				store::lastError, (builder) -> builder.withDetail("failures", store.failures())
					.withDetail("pendingLocalAmounts", store.hasPendingAmounts()));
	}

}
