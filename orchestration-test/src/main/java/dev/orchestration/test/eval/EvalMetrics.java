package dev.orchestration.test.eval;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates of one policy over a dataset.
 *
 * @param cases number of cases
 * @param passed cases that passed
 * @param errors cases whose call failed
 * @param passRate passed / cases (0..1)
 * @param meanScore mean judge score over the cases that have one (NaN when none)
 * @param totalCost USD over every case (every model actually called, verifiers and judges
 * included)
 * @param costPerRequest totalCost / cases
 * @param costPerSuccess totalCost / passed (NaN when nothing passed)
 * @param tierShares share of cases per serving tier ({@code "none"} for cases without
 * one), sorted by name
 * @param escalationRate share of cases a cascade escalated
 * @param p50LatencyMillis median latency (nearest-rank)
 * @param p95LatencyMillis 95th percentile latency (nearest-rank)
 */
public record EvalMetrics(int cases, int passed, int errors, double passRate, double meanScore, double totalCost,
		double costPerRequest, double costPerSuccess, Map<String, Double> tierShares, double escalationRate,
		double p50LatencyMillis, double p95LatencyMillis) {

	public EvalMetrics {
		tierShares = Map.copyOf(tierShares);
	}

	public static EvalMetrics of(Collection<CaseResult> results) {
		int n = results.size();
		int passed = 0;
		int errors = 0;
		int escalated = 0;
		int scored = 0;
		double scoreSum = 0;
		double cost = 0;
		double[] latencies = new double[n];
		Map<String, Integer> tiers = new TreeMap<>();
		int i = 0;
		for (CaseResult r : results) {
			passed += r.passed() ? 1 : 0;
			errors += (r.error() != null) ? 1 : 0;
			escalated += r.escalated() ? 1 : 0;
			if (r.score() != null && !r.score().isNaN()) {
				scored++;
				scoreSum += r.score();
			}
			cost += r.cost();
			latencies[i++] = r.latencyMillis();
			tiers.merge((r.tier() != null) ? r.tier() : "none", 1, Integer::sum);
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		tiers.forEach((tier, count) -> shares.put(tier, (double) count / n));
		return new EvalMetrics(n, passed, errors, (n == 0) ? Double.NaN : (double) passed / n,
				(scored == 0) ? Double.NaN : scoreSum / scored, cost, (n == 0) ? Double.NaN : cost / n,
				(passed == 0) ? Double.NaN : cost / passed, shares, (n == 0) ? Double.NaN : (double) escalated / n,
				percentile(latencies, 50), percentile(latencies, 95));
	}

	/**
	 * Nearest-rank percentile: the smallest value such that at least p % of the values
	 * are at or below it.
	 * @param values the values (not modified)
	 * @param p the percentile, 0 < p <= 100
	 * @return the percentile, NaN for no values
	 */
	public static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
	}

}
