package dev.orchestration.budget;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the shared budget store as {@code DEGRADED} while Redis is failing: requests are still served, and this
 * instance enforces budgets with local accounting (last totals seen in Redis plus its own spend) until Redis answers
 * again, then adds what it accounted meanwhile.
 */
public class BudgetHealthIndicator extends AbstractHealthIndicator {

	/** Requests are served, but budgets are enforced per instance. */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Redis unavailable: budgets enforced with local accounting in this instance");

	private final RedisBudgetStore store;

	public BudgetHealthIndicator(RedisBudgetStore store) {
		super("LLM budget health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.store.isDegraded() ? DEGRADED : Status.UP)
			.withDetail("store", "redis")
			.withDetail("failures", this.store.failures())
			.withDetail("pendingLocalAmounts", this.store.hasPendingAmounts());
		if (this.store.lastError() != null) {
			builder.withDetail("lastError", this.store.lastError());
		}
	}

}
