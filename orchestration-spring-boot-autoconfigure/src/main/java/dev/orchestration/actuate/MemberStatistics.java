package dev.orchestration.actuate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Live statistics of one tier member: calls, errors, latency percentiles and cost.
 */
public final class MemberStatistics {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final DoubleAdder cost = new DoubleAdder();

	private final LatencyWindow latencies = new LatencyWindow(1024);

	void record(boolean success, long latencyMillis, double callCost) {
		this.requests.incrementAndGet();
		if (!success) {
			this.errors.incrementAndGet();
		}
		this.cost.add(callCost);
		this.latencies.add(latencyMillis);
	}

	public long requests() {
		return this.requests.get();
	}

	public long errors() {
		return this.errors.get();
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
