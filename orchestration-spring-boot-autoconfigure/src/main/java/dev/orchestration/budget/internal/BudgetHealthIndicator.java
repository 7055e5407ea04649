package dev.orchestration.budget.internal;

import dev.orchestration.redis.internal.DegradedHealth;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the shared budget store as {@code UNKNOWN} with {@code degraded: true} while
 * Redis is failing: requests are still served, and this instance enforces budgets with
 * local accounting (last totals seen in Redis plus its own spend) until Redis answers
 * again, then adds what it accounted meanwhile. {@code UNKNOWN} is ordered below
 * {@code UP} by Boot, so it never turns the application's health down nor masks a
 * {@code DOWN} elsewhere.
 */
public class BudgetHealthIndicator extends AbstractHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "Redis unavailable: budgets enforced with local accounting in this instance";

	private final RedisBudgetStore store;

	public BudgetHealthIndicator(RedisBudgetStore store) {
		super("LLM budget health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.store.isDegraded();
		DegradedHealth.open(builder, degraded, degraded, "store", "redis")
			.withDetail("failures", this.store.failures())
			.withDetail("pendingLocalAmounts", this.store.hasPendingAmounts());
		DegradedHealth.close(builder, degraded ? DEGRADED_REASON : null, this.store.lastError());
	}

}
