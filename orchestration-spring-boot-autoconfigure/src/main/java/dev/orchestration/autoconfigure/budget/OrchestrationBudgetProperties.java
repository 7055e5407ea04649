package dev.orchestration.autoconfigure.budget;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Spending budgets. Budgets are on as soon as a limit is set (or with
 * {@code llm.budget.enabled=true}, which only counts spend). Amounts are in US dollars,
 * computed from the tier members' prices.
 */
@ConfigurationProperties(OrchestrationBudgetProperties.CONFIG_PREFIX)
public class OrchestrationBudgetProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.budget";

	/**
	 * Whether budgets are enforced. Unset: on when any limit is configured. "false"
	 * switches them off even with limits; "true" without limits counts spend per day and
	 * month (endpoint, meters) without limiting.
	 */
	private @Nullable Boolean enabled;

	/**
	 * What one request may cost over all its calls, in USD. Checked before each call with
	 * the call's worst case: member price x (estimated input tokens + max output tokens).
	 */
	private @Nullable Double perRequestMax;

	/**
	 * Daily cap of the whole application (all instances sharing the store), in USD.
	 */
	private @Nullable Double dailyLimit;

	/**
	 * Monthly cap of the whole application (all instances sharing the store), in USD.
	 */
	private @Nullable Double monthlyLimit;

	/**
	 * Caps of every tenant (the tenant hint of RoutingChatOptions) without its own entry
	 * under "tenants".
	 */
	private final Caps perTenant = new Caps();

	/**
	 * Caps per tenant id, overriding "per-tenant"; an unset cap falls back to
	 * "per-tenant".
	 */
	private Map<String, Caps> tenants = new LinkedHashMap<>();

	/**
	 * What happens at a daily or monthly cap: "reject" (BudgetExceededException) or
	 * "downgrade" (route to the cheapest tier, the first one; the cheapest tier keeps
	 * serving past the cap).
	 */
	private Policy policy = Policy.REJECT;

	/**
	 * Output tokens assumed for a call whose options (prompt, member or chat model) set
	 * no max tokens.
	 */
	private int defaultMaxOutputTokens = 1024;

	/**
	 * Fractions of a cap, each in (0, 1], at which a BudgetThresholdEvent is published,
	 * once per threshold, period and scope.
	 */
	private List<Double> alertThresholds = new ArrayList<>(List.of(0.5, 0.8, 1.0));

	/**
	 * Whether the llm.budget.spent meter is tagged with the tenant id. Off by default:
	 * tenant ids are unbounded.
	 */
	private boolean tagTenants;

	/**
	 * Time zone in which days and months begin, for example "UTC" or "Europe/Paris".
	 */
	private String zone = "UTC";

	/**
	 * Where period totals live: "memory" (this instance only) or "redis" (shared by every
	 * instance through the application's RedisConnectionFactory).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Maximum number of recently seen tenants whose spend the llm-routes endpoint shows.
	 */
	private int trackedTenants = 100;

	/**
	 * The Redis store.
	 */
	@NestedConfigurationProperty
	private final RedisStoreProperties redis = RedisStoreProperties.withKeyPrefix("llm:budget:");

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Double getPerRequestMax() {
		return this.perRequestMax;
	}

	public void setPerRequestMax(@Nullable Double perRequestMax) {
		this.perRequestMax = perRequestMax;
	}

	public @Nullable Double getDailyLimit() {
		return this.dailyLimit;
	}

	public void setDailyLimit(@Nullable Double dailyLimit) {
		this.dailyLimit = dailyLimit;
	}

	public @Nullable Double getMonthlyLimit() {
		return this.monthlyLimit;
	}

	public void setMonthlyLimit(@Nullable Double monthlyLimit) {
		this.monthlyLimit = monthlyLimit;
	}

	public Caps getPerTenant() {
		return this.perTenant;
	}

	public Map<String, Caps> getTenants() {
		return this.tenants;
	}

	public void setTenants(Map<String, Caps> tenants) {
		this.tenants = tenants;
	}

	public Policy getPolicy() {
		return this.policy;
	}

	public void setPolicy(Policy policy) {
		this.policy = policy;
	}

	public int getDefaultMaxOutputTokens() {
		return this.defaultMaxOutputTokens;
	}

	public void setDefaultMaxOutputTokens(int defaultMaxOutputTokens) {
		this.defaultMaxOutputTokens = defaultMaxOutputTokens;
	}

	public List<Double> getAlertThresholds() {
		return this.alertThresholds;
	}

	public void setAlertThresholds(List<Double> alertThresholds) {
		this.alertThresholds = alertThresholds;
	}

	public boolean isTagTenants() {
		return this.tagTenants;
	}

	public void setTagTenants(boolean tagTenants) {
		this.tagTenants = tagTenants;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public int getTrackedTenants() {
		return this.trackedTenants;
	}

	public void setTrackedTenants(int trackedTenants) {
		this.trackedTenants = trackedTenants;
	}

	public RedisStoreProperties getRedis() {
		return this.redis;
	}

	/** Whether any limit is configured. */
	boolean hasLimits() {
		return this.perRequestMax != null || this.dailyLimit != null || this.monthlyLimit != null
				|| this.perTenant.any() || this.tenants.values().stream().anyMatch(Caps::any);
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationBudgetProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationBudgetProperties properties = (OrchestrationBudgetProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		String amountFix = "set a limit in USD of 0 or more, or remove the property for no limit";
		checks.atLeast("per-request-max", properties.getPerRequestMax(), 0, amountFix)
			.atLeast("daily-limit", properties.getDailyLimit(), 0, amountFix)
			.atLeast("monthly-limit", properties.getMonthlyLimit(), 0, amountFix)
			.atLeast("per-tenant.daily-limit", properties.getPerTenant().getDailyLimit(), 0, amountFix)
			.atLeast("per-tenant.monthly-limit", properties.getPerTenant().getMonthlyLimit(), 0, amountFix);
		properties.getTenants()
			.forEach((tenant, caps) -> checks
				.atLeast("tenants." + tenant + ".daily-limit", caps.getDailyLimit(), 0, amountFix)
				.atLeast("tenants." + tenant + ".monthly-limit", caps.getMonthlyLimit(), 0, amountFix));
		checks.atLeast("default-max-output-tokens", properties.getDefaultMaxOutputTokens(), 1,
				"set the output tokens to assume for calls without max tokens, for example 1024");
		List<Double> thresholds = properties.getAlertThresholds();
		for (int i = 0; i < thresholds.size(); i++) {
			checks.aboveAndAtMost("alert-thresholds[" + i + "]", thresholds.get(i), 0, 1,
					"give fractions of a cap greater than 0 and at most 1, for example 0.5,0.8,1.0");
		}
		checks
			.require(isZone(properties.getZone()), "zone", properties.getZone(), "it is not a time zone",
					"use a zone id such as UTC or Europe/Paris")
			.atLeast("tracked-tenants", properties.getTrackedTenants(), 0, "set 0 or more, e.g. 100");
		properties.getRedis().validate(checks, "redis");
	}

	private static boolean isZone(String zone) {
		try {
			ZoneId.of(zone);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/**
	 * What happens at a daily or monthly cap.
	 */
	public enum Policy {

		/** Refuse with a BudgetExceededException. */
		REJECT,

		/** Route to the cheapest tier. */
		DOWNGRADE

	}

	/**
	 * Where period totals live.
	 */
	public enum Store {

		/** In this instance's memory. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * Daily and monthly caps in USD.
	 */
	public static class Caps {

		/**
		 * Daily cap in USD.
		 */
		private @Nullable Double dailyLimit;

		/**
		 * Monthly cap in USD.
		 */
		private @Nullable Double monthlyLimit;

		public @Nullable Double getDailyLimit() {
			return this.dailyLimit;
		}

		public void setDailyLimit(@Nullable Double dailyLimit) {
			this.dailyLimit = dailyLimit;
		}

		public @Nullable Double getMonthlyLimit() {
			return this.monthlyLimit;
		}

		public void setMonthlyLimit(@Nullable Double monthlyLimit) {
			this.monthlyLimit = monthlyLimit;
		}

		boolean any() {
			return this.dailyLimit != null || this.monthlyLimit != null;
		}

	}

}
