package dev.orchestration.statistics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live statistics of one tier member: calls, errors, latency percentiles and cost.
 */
public final class MemberStatistics {

	private final LongAdder requests = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final DoubleAdder cost = new DoubleAdder();

	private final LatencyWindow latencies = new LatencyWindow(1024);

	void record(boolean success, long latencyMillis, double callCost) {
		this.requests.increment();
		if (!success) {
			this.errors.increment();
		}
		this.cost.add(callCost);
		this.latencies.add(latencyMillis);
	}

	public long requests() {
		return this.requests.sum();
	}

	public long errors() {
		return this.errors.sum();
	}

	public double cost() {
		return this.cost.sum();
	}

	public long p50Millis() {
		return this.latencies.percentile(50);
	}

	public long p95Millis() {
		return this.latencies.percentile(95);
	}

}
