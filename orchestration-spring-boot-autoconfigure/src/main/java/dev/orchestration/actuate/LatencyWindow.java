package dev.orchestration.actuate;

import java.util.Arrays;

/**
 * The most recent latencies in a fixed-size ring, for percentiles on the endpoint.
 */
public final class LatencyWindow {

	private final long[] values;

	private int next;

	private int size;

	public LatencyWindow(int capacity) {
		this.values = new long[capacity];
	}

	public synchronized void add(long millis) {
		this.values[this.next] = millis;
		this.next = (this.next + 1) % this.values.length;
		this.size = Math.min(this.size + 1, this.values.length);
	}

	/** The percentile (0..100) of the recorded latencies by nearest rank, or 0 when none is recorded. */
	public synchronized long percentile(double percentile) {
		if (this.size == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100 * this.size);
		return sorted[Math.max(0, Math.min(this.size - 1, rank - 1))];
	}

}
