package dev.orchestration.budget;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published once per threshold, period and scope when spend reaches a configured fraction
 * of a cap ({@code llm.budget.alert-thresholds}); with Redis, once across all instances.
 * A threshold of 1.0 is also reached when the cap refuses a call. Listeners run on the
 * request thread: page asynchronously.
 */
public class BudgetThresholdEvent extends ApplicationEvent {

	private final BudgetScope scope;

	private final @Nullable String tenant;

	private final BudgetPeriod period;

	private final String periodId;

	private final double threshold;

	private final double spentUsd;

	private final double limitUsd;

	public BudgetThresholdEvent(Object source, BudgetScope scope, @Nullable String tenant, BudgetPeriod period,
			String periodId, double threshold, double spentUsd, double limitUsd) {
		super(source);
		this.scope = scope;
		this.tenant = tenant;
		this.period = period;
		this.periodId = periodId;
		this.threshold = threshold;
		this.spentUsd = spentUsd;
		this.limitUsd = limitUsd;
	}

	public BudgetScope getScope() {
		return this.scope;
	}

	/** The tenant for {@link BudgetScope#TENANT}, else {@code null}. */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	public BudgetPeriod getPeriod() {
		return this.period;
	}

	/** The period, for example {@code 2026-11-23} or {@code 2026-11}. */
	public String getPeriodId() {
		return this.periodId;
	}

	/** The fraction of the cap that was reached, for example 0.8. */
	public double getThreshold() {
		return this.threshold;
	}

	/**
	 * Spend counted against the cap when the threshold was seen (calls in flight
	 * included), in USD.
	 */
	public double getSpentUsd() {
		return this.spentUsd;
	}

	public double getLimitUsd() {
		return this.limitUsd;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "BudgetThresholdEvent[%s%s %s %s reached %.0f%%: %.6f of %.6f USD]",
				this.scope.id(), (this.tenant != null) ? " '" + this.tenant + "'" : "", this.period.id(), this.periodId,
				this.threshold * 100, this.spentUsd, this.limitUsd);
	}

}
