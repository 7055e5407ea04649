package dev.orchestration.bench.perf;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints, from one JMH run, each request path next to its baseline: medians and 99th
 * percentiles, the overhead (path minus baseline) and the ratios, allocation per call,
 * the 8-thread throughput ratio, and whether each target of the core-lifecycle issue was
 * met.
 */
public final class OverheadSummary {

	/** Each path and the baseline it is compared with, in print order. */
	static final List<Comparison> COMPARISONS = List.of(new Comparison("routingChatModelCall", "stubCall"),
			new Comparison("routedClient", "plainClient"),
			new Comparison("routedClientObserved", "plainClientObserved"),
			new Comparison("exactCacheHit", "plainClient"), new Comparison("exactCacheMiss", "routedClient"),
			new Comparison("semanticCacheHit", "plainClient"), new Comparison("semanticCacheMiss", "routedClient"),
			new Comparison("failover", "routingChatModelCall"),
			new Comparison("streamFirstTokenRouted", "streamFirstTokenPlain"));

	private final Map<String, JmhResult> results = new LinkedHashMap<>();

	/**
	 * Creates a summary of one run.
	 * @param results the run's benchmarks (the first result of a name wins when
	 * parameters repeat it)
	 */
	public OverheadSummary(List<JmhResult> results) {
		for (JmhResult result : results) {
			this.results.putIfAbsent(result.benchmark(), result);
		}
	}

	/**
	 * The median overhead of a path over a baseline.
	 * @param path the path's benchmark name
	 * @param baseline the baseline's benchmark name
	 * @return path p50 minus baseline p50 in the run's unit, {@code NaN} when either is
	 * missing
	 */
	public double overheadP50(String path, String baseline) {
		return difference(path, baseline, JmhResult::p50);
	}

	/**
	 * The 99th-percentile overhead of a path over a baseline.
	 * @param path the path's benchmark name
	 * @param baseline the baseline's benchmark name
	 * @return path p99 minus baseline p99, {@code NaN} when either is missing
	 */
	public double overheadP99(String path, String baseline) {
		return difference(path, baseline, JmhResult::p99);
	}

	/**
	 * The allocation of a path per call relative to a baseline's.
	 * @param path the path's benchmark name
	 * @param baseline the baseline's benchmark name
	 * @return bytes per call of the path over bytes per call of the baseline, {@code NaN}
	 * when unknown or when the baseline allocates less than a byte per call (a ratio over
	 * nothing says nothing)
	 */
	public double allocationRatio(String path, String baseline) {
		JmhResult base = this.results.get(baseline);
		if (base == null || !(base.allocatedBytesPerOp() >= 1)) {
			return Double.NaN;
		}
		return ratio(path, baseline, JmhResult::allocatedBytesPerOp);
	}

	/**
	 * The 8-thread throughput of the routed client relative to the plain client's.
	 * @return routed operations per second over plain operations per second, {@code NaN}
	 * when unknown
	 */
	public double throughputRatio() {
		return ratio("throughputRouted", "throughputPlain", JmhResult::score);
	}

	/**
	 * The targets of the core-lifecycle issue, evaluated on this run.
	 * @return each target with its measured value
	 */
	public List<TargetCheck> targets() {
		return List.of(
				TargetCheck.atMost("RoutingChatModel.call overhead p50 (us)",
						overheadP50("routingChatModelCall", "stubCall"), 5),
				TargetCheck.atMost("RoutingChatModel.call overhead p99 (us)",
						overheadP99("routingChatModelCall", "stubCall"), 25),
				TargetCheck.atMost("RoutingChatClient (caches off) over plain ChatClient, observations on, p50 (us)",
						overheadP50("routedClientObserved", "plainClientObserved"), 10),
				TargetCheck.atMost("exact-cache hit over plain ChatClient, p50 (us)",
						overheadP50("exactCacheHit", "plainClient"), 5),
				TargetCheck.atMost("exact-cache miss over routed client (caches off), p50 (us)",
						overheadP50("exactCacheMiss", "routedClient"), 10),
				TargetCheck.atMost("allocation per routed call / plain client's (x)",
						allocationRatio("routedClient", "plainClient"), 2),
				TargetCheck.atLeast("8-thread throughput routed / plain (x)", throughputRatio(), 0.5));
	}

	/**
	 * Prints the summary.
	 * @param out where to print
	 */
	public void print(PrintStream out) {
		out.println("# request path: overhead over the baseline measured in the same run");
		out.println("# p50/p99: percentiles of sampled calls (us); alloc: gc.alloc.rate.norm (B/call)");
		out.printf(Locale.ROOT, "%-24s %9s %9s %10s   %-21s %9s %9s %7s %7s%n", "benchmark", "p50 us", "p99 us",
				"alloc B", "baseline", "+p50 us", "+p99 us", "x p50", "x alloc");
		for (JmhResult result : this.results.values()) {
			if (!"sample".equals(result.mode())) {
				continue;
			}
			Comparison comparison = COMPARISONS.stream()
				.filter((candidate) -> candidate.path().equals(result.benchmark()))
				.findFirst()
				.orElse(null);
			if (comparison == null || !this.results.containsKey(comparison.baseline())) {
				out.printf(Locale.ROOT, "%-24s %9.2f %9.2f %10.0f%n", result.benchmark(), result.p50(), result.p99(),
						result.allocatedBytesPerOp());
				continue;
			}
			String baseline = comparison.baseline();
			out.printf(Locale.ROOT, "%-24s %9.2f %9.2f %10.0f   %-21s %9.2f %9.2f %7.2f %7.2f%n", result.benchmark(),
					result.p50(), result.p99(), result.allocatedBytesPerOp(), baseline,
					overheadP50(result.benchmark(), baseline), overheadP99(result.benchmark(), baseline),
					ratio(result.benchmark(), baseline, JmhResult::p50), allocationRatio(result.benchmark(), baseline));
		}
		JmhResult plain = this.results.get("throughputPlain");
		JmhResult routed = this.results.get("throughputRouted");
		if (plain != null && routed != null) {
			out.printf(Locale.ROOT, "throughput, 8 threads: plain %.0f %s, routed %.0f %s, routed/plain %.3f%n",
					plain.score(), plain.unit(), routed.score(), routed.unit(), throughputRatio());
		}
		out.println("# targets (issue 8)");
		for (TargetCheck target : targets()) {
			out.println("  " + target);
		}
	}

	private double difference(String path, String baseline, Metric metric) {
		JmhResult a = this.results.get(path);
		JmhResult b = this.results.get(baseline);
		return (a != null && b != null) ? metric.of(a) - metric.of(b) : Double.NaN;
	}

	private double ratio(String path, String baseline, Metric metric) {
		JmhResult a = this.results.get(path);
		JmhResult b = this.results.get(baseline);
		return (a != null && b != null) ? metric.of(a) / metric.of(b) : Double.NaN;
	}

	private interface Metric {

		double of(JmhResult result);

	}

	/**
	 * A path and its baseline.
	 *
	 * @param path the benchmark that measures the path
	 * @param baseline the benchmark it is compared with
	 */
	record Comparison(String path, String baseline) {
	}

	/**
	 * One target and the value this run measured.
	 *
	 * @param description what is measured, with its unit
	 * @param value the measured value, {@code NaN} when the run lacks a benchmark it
	 * needs
	 * @param limit the target's bound
	 * @param upperBound whether the value must be at most (true) or at least (false) the
	 * limit
	 */
	public record TargetCheck(String description, double value, double limit, boolean upperBound) {

		static TargetCheck atMost(String description, double value, double limit) {
			return new TargetCheck(description, value, limit, true);
		}

		static TargetCheck atLeast(String description, double value, double limit) {
			return new TargetCheck(description, value, limit, false);
		}

		/**
		 * Whether the value is known and within the bound.
		 * @return whether the target was met
		 */
		public boolean met() {
			return !Double.isNaN(this.value) && (this.upperBound ? this.value <= this.limit : this.value >= this.limit);
		}

		@Override
		public String toString() {
			String verdict = Double.isNaN(this.value) ? "NOT MEASURED" : (met() ? "met" : "NOT MET");
			return String.format(Locale.ROOT, "%-80s %s %-6s measured %9.3f  %s", this.description,
					this.upperBound ? "<=" : ">=", trim(this.limit), this.value, verdict);
		}

		private static String trim(double value) {
			return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
		}

	}

}
