package dev.orchestration.budget.internal;

import dev.orchestration.budget.BudgetScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Budget meters: {@code llm.budget.spent} (USD; tag {@code scope} global|tenant, plus
 * {@code tenant} only when tenant tagging is on, to keep cardinality bounded),
 * {@code llm.budget.rejections} (tags {@code reason} per-request|daily|monthly and
 * {@code scope}) and {@code llm.budget.downgrades} (tags {@code from}, {@code to},
 * {@code reason}).
 */
public class BudgetMetrics {

	private final MeterRegistry registry;

	private final boolean tagTenants;

	public BudgetMetrics(MeterRegistry registry, boolean tagTenants) {
		this.registry = registry;
		this.tagTenants = tagTenants;
	}

	/** Counts what a request cost, globally and for its tenant. */
	public void spent(double usd, @Nullable String tenant) {
		if (usd <= 0) {
			return;
		}
		spentCounter("global", "*").increment(usd);
		if (tenant != null) {
			spentCounter("tenant", tenant).increment(usd);
		}
	}

	public void rejected(String reason, BudgetScope scope) {
		Counter.builder("llm.budget.rejections")
			.description("Requests or calls refused by a budget")
			.tag("reason", reason)
			.tag("scope", scope.id())
			.register(this.registry)
			.increment();
	}

	public void downgraded(String from, String to, String reason) {
		Counter.builder("llm.budget.downgrades")
			.description("Requests routed to the cheapest tier because a cap was reached")
			.tag("from", from)
			.tag("to", to)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	/** What was counted as spent, in USD (for tests and the endpoint). */
	public double spent(String scope) {
		return this.registry.find("llm.budget.spent")
			.tag("scope", scope)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private Counter spentCounter(String scope, String tenant) {
		Counter.Builder builder = Counter.builder("llm.budget.spent")
			.description("Cost of routed requests counted against budgets")
			.baseUnit("usd")
			.tag("scope", scope);
		if (this.tagTenants) {
			builder.tag("tenant", tenant);
		}
		return builder.register(this.registry);
	}

}
