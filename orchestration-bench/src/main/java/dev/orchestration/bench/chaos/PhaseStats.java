package dev.orchestration.bench.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The outcomes of one phase (or soak window) and the figures computed from them.
 */
final class PhaseStats {

	/** Where the request started relative to the Redis fault of its phase. */
	enum Segment {

		BEFORE, REDIS_DOWN, AFTER

	}

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Segment> segments = new ConcurrentLinkedQueue<>();

	private volatile long wallMillis;

	void add(Outcome outcome, Segment segment) {
		synchronized (this) {
			this.outcomes.add(outcome);
			this.segments.add(segment);
		}
	}

	void wallMillis(long millis) {
		this.wallMillis = millis;
	}

	synchronized List<Outcome> outcomes() {
		return new ArrayList<>(this.outcomes);
	}

	int requests() {
		return this.outcomes.size();
	}

	Map<Outcome.Kind, Integer> byKind() {
		Map<Outcome.Kind, Integer> kinds = new EnumMap<>(Outcome.Kind.class);
		for (Outcome outcome : this.outcomes) {
			kinds.merge(outcome.kind(), 1, Integer::sum);
		}
		return kinds;
	}

	/** User-visible failures, budget refusals of the capped tenant excepted. */
	List<Outcome> failures() {
		List<Outcome> failures = new ArrayList<>();
		for (Outcome outcome : this.outcomes) {
			boolean expectedRefusal = outcome.kind() == Outcome.Kind.BUDGET_REFUSED
					&& outcome.tenant().equals(Workload.CAPPED);
			if (outcome.kind().failure() || (outcome.kind() == Outcome.Kind.BUDGET_REFUSED && !expectedRefusal)) {
				failures.add(outcome);
			}
		}
		return failures;
	}

	long[] latencies() {
		return this.outcomes.stream().mapToLong(Outcome::latencyMillis).sorted().toArray();
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/** Hit rate of non-streamed, answered requests in a segment; NaN without any. */
	double hitRate(Segment segment) {
		int answered = 0;
		int hits = 0;
		synchronized (this) {
			var s = this.segments.iterator();
			for (Outcome outcome : this.outcomes) {
				Segment at = s.next();
				if ((segment == null || at == segment) && !outcome.streamed() && outcome.kind() == Outcome.Kind.OK) {
					answered++;
					hits += outcome.cached() ? 1 : 0;
				}
			}
		}
		return (answered > 0) ? (double) hits / answered : Double.NaN;
	}

	double hitRate() {
		return hitRate(null);
	}

	Map<String, Double> spendByInstance() {
		Map<String, Double> spend = new TreeMap<>();
		for (Outcome outcome : this.outcomes) {
			spend.merge(outcome.instance(), outcome.cost(), Double::sum);
		}
		return spend;
	}

	double spend(String tenant) {
		return this.outcomes.stream().filter((o) -> o.tenant().equals(tenant)).mapToDouble(Outcome::cost).sum();
	}

	String latencyLine() {
		long[] sorted = latencies();
		return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms", percentile(sorted, 50),
				percentile(sorted, 99), (sorted.length > 0) ? sorted[sorted.length - 1] : 0);
	}

	/**
	 * Streams of the phase: how many, how many were interrupted after their first chunk
	 * and reported (and what their retries got), how many were cut silently.
	 */
	String streamLine() {
		List<Outcome> streams = outcomes().stream().filter(Outcome::streamed).toList();
		long interrupted = streams.stream().filter((o) -> o.interruptions() > 0).count();
		long answeredOnRetry = streams.stream()
			.filter((o) -> o.interruptions() > 0 && o.kind() == Outcome.Kind.OK)
			.count();
		long retries = streams.stream().mapToLong(Outcome::interruptions).sum();
		long truncated = streams.stream().filter((o) -> o.kind() == Outcome.Kind.STREAM_TRUNCATED).count();
		return String.format(Locale.ROOT,
				"%d, %d interrupted after the first chunk and reported (%d retries; %d answered on a retry, %d still "
						+ "interrupted after " + Outcome.STREAM_RETRIES + ")," + " %d cut silently",
				streams.size(), interrupted, retries, answeredOnRetry, interrupted - answeredOnRetry, truncated);
	}

	String throughput() {
		return (this.wallMillis > 0) ? String.format(Locale.ROOT, "%.1f req/s over %.1f s",
				requests() * 1000.0 / this.wallMillis, this.wallMillis / 1000.0) : "";
	}

	static String percent(double rate) {
		return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * rate);
	}

	static String kinds(Map<Outcome.Kind, Integer> kinds) {
		List<String> parts = new ArrayList<>();
		kinds.forEach((kind, count) -> parts.add(kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + count));
		return parts.isEmpty() ? "none" : String.join(", ", parts);
	}

	@Override
	public String toString() {
		return requests() + " requests, " + latencyLine() + ", kinds " + Arrays.toString(byKind().entrySet().toArray());
	}

}
