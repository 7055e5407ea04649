package dev.orchestration.sample;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;

/**
 * Adds up the receipts of the start-up workload and prints them as a table.
 */
final class WorkloadSummary {

	private final Map<String, Integer> byMember = new TreeMap<>();

	private final Map<String, Integer> byTier = new TreeMap<>();

	private final AtomicInteger failed = new AtomicInteger();

	private int failovers;

	private double cost;

	private int cached;

	private double frontierCost;

	private final TierMember frontier;

	WorkloadSummary(Tier frontierTier) {
		this.frontier = frontierTier.members().get(0);
	}

	synchronized void add(RoutingReceipt receipt) {
		if (receipt.servedFromCache()) {
			// no call was made: counted apart from paid calls, at no cost
			this.cached++;
			return;
		}
		this.byTier.merge(receipt.tier(), 1, Integer::sum);
		this.byMember.merge(receipt.member(), 1, Integer::sum);
		this.failovers += receipt.failovers();
		this.cost += receipt.cost();
		Attempt served = receipt.attempts()
			.stream()
			.filter((a) -> a.outcome() == AttemptOutcome.SUCCESS)
			.findFirst()
			.orElseThrow();
		this.frontierCost += (served.promptTokens() * this.frontier.price().inputPerMillion()
				+ served.completionTokens() * this.frontier.price().outputPerMillion()) / 1e6;
	}

	void failed() {
		this.failed.incrementAndGet();
	}

	synchronized String render(int requests, Map<String, String> breakerTransitions) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%n=== Workload summary: %d requests, %d failed ===%n", requests, this.failed.get()));
		out.append(String.format("Served from cache:   %d (no call, no cost)%n", this.cached));
		out.append("Paid calls per tier:   ").append(this.byTier).append('\n');
		out.append("Paid calls per member: ").append(this.byMember).append('\n');
		out.append(String.format("Failovers: %d%n", this.failovers));
		out.append(String.format("Cost: $%.6f  vs all on %s: $%.6f  (%.1f %% of frontier cost)%n", this.cost,
				this.frontier.id(), this.frontierCost,
				(this.frontierCost > 0) ? 100 * this.cost / this.frontierCost : 0));
		out.append("Breaker transitions: ")
			.append(breakerTransitions.isEmpty() ? "none" : breakerTransitions)
			.append('\n');
		return out.toString();
	}

}
