package dev.orchestration.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.orchestration.budget.internal.DefaultRoutingBudget;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoint shows about budgets: spend against limit globally and for the tenants
 * this instance saw recently (bounded by {@code llm.budget.tracked-tenants}), for the
 * current day and month. Totals come from the store, so with Redis they are those of all
 * instances, calls in flight included.
 */
public class BudgetAdministration {

	private final DefaultRoutingBudget budget;

	private final Clock clock;

	public BudgetAdministration(DefaultRoutingBudget budget, Clock clock) {
		this.budget = budget;
		this.clock = clock;
	}

	public Report report() {
		Instant now = this.clock.instant();
		List<String> tenants = this.budget.recentTenants();
		List<DefaultRoutingBudget.Scope> scopes = new ArrayList<>(this.budget.scopes(null, now));
		for (String tenant : tenants) {
			scopes.addAll(this.budget.scopes(tenant, now).subList(2, 4));
		}
		List<Double> totals = this.budget.getStore()
			.totals(scopes.stream().map((scope) -> scope.counter().key()).toList());
		List<Spend> global = new ArrayList<>();
		List<TenantSpend> perTenant = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			global.add(spend(scopes.get(i), totals.get(i)));
		}
		for (int t = 0; t < tenants.size(); t++) {
			int base = 2 + 2 * t;
			perTenant.add(new TenantSpend(tenants.get(t), List.of(spend(scopes.get(base), totals.get(base)),
					spend(scopes.get(base + 1), totals.get(base + 1)))));
		}
		BudgetPolicy policy = this.budget.getPolicy();
		BudgetStore store = this.budget.getStore();
		return new Report(store.type(), store.isDegraded(), policy.onLimit().name().toLowerCase(Locale.ROOT),
				policy.perRequestMax(), this.budget.inFlight(), global, perTenant);
	}

	private static Spend spend(DefaultRoutingBudget.Scope scope, double total) {
		double limit = scope.counter().limit();
		boolean limited = scope.counter().limited();
		return new Spend(scope.period().id(), scope.periodId(), total, limited ? limit : null,
				(limited && limit > 0) ? total / limit : null,
				scope.counter().expireAt().minus(DefaultRoutingBudget.EXPIRY_GRACE));
	}

	/**
	 * Budget state for the endpoint.
	 *
	 * @param store where totals live ({@code memory}, {@code redis})
	 * @param degraded whether the store is degraded (Redis down: local accounting in this
	 * instance)
	 * @param policy what happens at a cap ({@code reject}, {@code downgrade})
	 * @param perRequestMax the per-request ceiling in USD, or {@code null}
	 * @param requestsInFlight requests of this instance holding a reservation
	 * @param global the application's spend per period
	 * @param tenants spend of tenants seen recently by this instance
	 */
	public record Report(String store, boolean degraded, String policy, @Nullable Double perRequestMax,
			int requestsInFlight, List<Spend> global, List<TenantSpend> tenants) {
	}

	/**
	 * Spend of one period against its cap.
	 *
	 * @param period {@code day} or {@code month}
	 * @param id the period, for example {@code 2026-11-23}
	 * @param spent spend in USD, calls in flight included
	 * @param limit the cap in USD, or {@code null} for none
	 * @param used spent / limit, or {@code null} without cap
	 * @param resetsAt when the period ends
	 */
	public record Spend(String period, String id, double spent, @Nullable Double limit, @Nullable Double used,
			Instant resetsAt) {
	}

	/** Spend of one tenant. */
	public record TenantSpend(String tenant, List<Spend> periods) {
	}

}
