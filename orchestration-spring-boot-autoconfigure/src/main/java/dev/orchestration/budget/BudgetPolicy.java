package dev.orchestration.budget;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The limits and what happens at them.
 *
 * @param perRequestMax what one request may cost over all its calls in USD, or
 * {@code null} for no ceiling
 * @param global the application's daily and monthly caps
 * @param perTenant the caps of every tenant without an override
 * @param tenants caps per tenant id; an unset cap of an override falls back to
 * {@code perTenant}
 * @param onLimit what happens at a daily or monthly cap
 * @param defaultMaxOutputTokens output tokens assumed for a call whose options set no max
 * tokens
 * @param alertThresholds fractions of a cap, in (0, 1], at which a
 * {@link BudgetThresholdEvent} is published
 * @param zone the time zone in which days and months begin
 */
public record BudgetPolicy(@Nullable Double perRequestMax, Limits global, Limits perTenant, Map<String, Limits> tenants,
		OnLimit onLimit, int defaultMaxOutputTokens, List<Double> alertThresholds, ZoneId zone) {

	public BudgetPolicy {
		tenants = Map.copyOf(tenants);
		alertThresholds = alertThresholds.stream().sorted().distinct().toList();
		requireNotNegative("per-request-max", perRequestMax);
		if (defaultMaxOutputTokens < 1) {
			throw new IllegalArgumentException("default-max-output-tokens must be at least 1");
		}
		for (Double threshold : alertThresholds) {
			if (threshold <= 0 || threshold > 1) {
				throw new IllegalArgumentException("alert thresholds must be in (0, 1]: " + threshold);
			}
		}
	}

	/** A policy without limits (spend is still counted). */
	public static BudgetPolicy unlimited() {
		return new BudgetPolicy(null, Limits.NONE, Limits.NONE, Map.of(), OnLimit.REJECT, 1024, List.of(),
				ZoneId.of("UTC"));
	}

	/** The caps of one tenant: its override where set, else the per-tenant default. */
	public Limits limitsOf(String tenant) {
		Limits override = this.tenants.get(tenant);
		return (override != null) ? override.orElse(this.perTenant) : this.perTenant;
	}

	/** Whether any limit is set. */
	public boolean hasLimits() {
		return this.perRequestMax != null || this.global.any() || this.perTenant.any()
				|| this.tenants.values().stream().anyMatch(Limits::any);
	}

	/** Whether any tenant can have a cap. */
	public boolean hasTenantCaps() {
		return this.perTenant.any() || this.tenants.values().stream().anyMatch(Limits::any);
	}

	private static void requireNotNegative(String name, @Nullable Double value) {
		if (value != null && (value < 0 || value.isNaN())) {
			throw new IllegalArgumentException(name + " must not be negative: " + value);
		}
	}

	/**
	 * Daily and monthly caps in USD; {@code null} means no cap.
	 *
	 * @param daily the daily cap
	 * @param monthly the monthly cap
	 */
	public record Limits(@Nullable Double daily, @Nullable Double monthly) {

		/** No caps. */
		public static final Limits NONE = new Limits(null, null);

		public Limits {
			requireNotNegative("daily limit", daily);
			requireNotNegative("monthly limit", monthly);
		}

		/** The cap of a period, or {@code null}. */
		public @Nullable Double of(BudgetPeriod period) {
			return (period == BudgetPeriod.DAY) ? this.daily : this.monthly;
		}

		boolean any() {
			return this.daily != null || this.monthly != null;
		}

		Limits orElse(Limits defaults) {
			return new Limits((this.daily != null) ? this.daily : defaults.daily,
					(this.monthly != null) ? this.monthly : defaults.monthly);
		}

	}

	/** What happens when a daily or monthly cap is reached. */
	public enum OnLimit {

		/** Refuse with a {@link BudgetExceededException}. */
		REJECT,

		/**
		 * Route to the cheapest tier (the first tier) instead; calls of the cheapest tier
		 * are not refused by caps, calls of other tiers are.
		 */
		DOWNGRADE

	}

}
