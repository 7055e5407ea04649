package dev.orchestration.sample;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.TierMember;
import org.jspecify.annotations.Nullable;

/**
 * Adds up the receipts of the start-up workload and prints them as a table. A request
 * served from the cache made no call and cost nothing: it is counted apart from the paid
 * ones, as are budget refusals (nothing was sent).
 */
final class WorkloadSummary {

	private final Map<String, Integer> byMember = new TreeMap<>();

	private final Map<String, Integer> byTier = new TreeMap<>();

	private final Map<StartupWorkload.Feature, FeatureStats> byFeature = new EnumMap<>(StartupWorkload.Feature.class);

	private final TierMember frontier;

	private final boolean countsCalls;

	private int failed;

	private int cached;

	private int refused;

	private int failovers;

	private int escalations;

	private int votesPassed;

	private int votesFailed;

	private double cost;

	private double frontierCost;

	/**
	 * @param frontier the member whose price the cost is compared with
	 * @param countsCalls whether model calls are counted (at the simulator, offline)
	 */
	WorkloadSummary(TierMember frontier, boolean countsCalls) {
		this.frontier = frontier;
		this.countsCalls = countsCalls;
		for (StartupWorkload.Feature feature : StartupWorkload.Feature.values()) {
			this.byFeature.put(feature, new FeatureStats());
		}
	}

	synchronized void add(StartupWorkload.Feature feature, @Nullable RoutingReceipt receipt,
			@Nullable CascadeReceipt cascade, int calls) {
		FeatureStats stats = this.byFeature.get(feature);
		stats.requests++;
		stats.calls += calls;
		if (receipt == null) {
			return;
		}
		if (receipt.servedFromCache()) {
			// no call was made: counted apart from paid calls, at no cost
			this.cached++;
			stats.cached++;
			return;
		}
		this.byTier.merge(receipt.tier(), 1, Integer::sum);
		this.byMember.merge(receipt.member(), 1, Integer::sum);
		// not receipt.failovers(): it counts every later turn of a tool loop as a
		// failover
		this.failovers += (int) receipt.attempts()
			.stream()
			.filter((a) -> a.outcome() != AttemptOutcome.SUCCESS)
			.count();
		// a cascade's cost covers every answer and verifier call, the receipt's only the
		// served answer
		double requestCost = (cascade != null) ? cascade.cost() : receipt.cost();
		this.cost += requestCost;
		stats.cost += requestCost;
		if (cascade != null) {
			this.escalations += cascade.escalations();
			cascade.steps()
				.stream()
				.flatMap((step) -> step.verdicts().stream())
				.filter((verdict) -> verdict.verifier().equals("vote"))
				.map(Verdict::accepted)
				.forEach((accepted) -> {
					if (accepted) {
						this.votesPassed++;
					}
					else {
						this.votesFailed++;
					}
				});
		}
		receipt.attempts()
			.stream()
			.filter((a) -> a.outcome() == AttemptOutcome.SUCCESS)
			.reduce((first, second) -> second)
			.ifPresent(this::addFrontierCost);
	}

	private void addFrontierCost(Attempt served) {
		this.frontierCost += (served.promptTokens() * this.frontier.price().inputPerMillion()
				+ served.completionTokens() * this.frontier.price().outputPerMillion()) / 1e6;
	}

	synchronized void refused(StartupWorkload.Feature feature, int calls) {
		FeatureStats stats = this.byFeature.get(feature);
		stats.requests++;
		stats.refused++;
		stats.calls += calls;
		this.refused++;
	}

	synchronized void failed(StartupWorkload.Feature feature) {
		this.byFeature.get(feature).requests++;
		this.failed++;
	}

	synchronized String render(int requests, Map<String, String> breakerTransitions) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%n=== Workload summary: %d requests, %d failed ===%n", requests, this.failed));
		out.append(String.format("Served from cache:   %d (no call, no cost)%n", this.cached));
		out.append(String.format("Refused by budget:   %d (nothing sent)%n", this.refused));
		out.append("Paid answers per tier:   ").append(this.byTier).append('\n');
		out.append("Paid answers per member: ").append(this.byMember).append('\n');
		out.append(String.format("Failovers: %d%n", this.failovers));
		out.append(String.format("Cascade: %d escalated by the judge or a vote, votes passed %d, failed %d%n",
				this.escalations, this.votesPassed, this.votesFailed));
		out.append(String.format("Cost: $%.6f  vs all on %s: $%.6f  (%.1f %% of frontier cost)%n", this.cost,
				this.frontier.id(), this.frontierCost,
				(this.frontierCost > 0) ? 100 * this.cost / this.frontierCost : 0));
		out.append(String.format("%-20s %8s %7s %8s %12s %10s%n", "Feature", "requests", "cached", "refused",
				"model calls", "cost"));
		this.byFeature.forEach((feature, stats) -> {
			if (stats.requests > 0) {
				out.append(String.format("%-20s %8d %7d %8d %12s %10s%n", feature.label(), stats.requests, stats.cached,
						stats.refused, this.countsCalls ? String.valueOf(stats.calls) : "-",
						String.format("$%.6f", stats.cost)));
			}
		});
		out.append("Breaker transitions: ")
			.append(breakerTransitions.isEmpty() ? "none" : breakerTransitions)
			.append('\n');
		return out.toString();
	}

	/** Counts of one feature. */
	private static final class FeatureStats {

		int requests;

		int cached;

		int refused;

		int calls;

		double cost;

	}

}
