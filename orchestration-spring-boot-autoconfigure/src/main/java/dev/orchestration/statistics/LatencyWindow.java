package dev.orchestration.statistics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The most recent latencies in a fixed-size ring, for percentiles on the endpoint.
 * Writers never lock (every call of a member records here, from as many threads as call
 * it); a reader sorts a copy, which may mix a value or two being overwritten at that
 * moment, as any sampled percentile does.
 */
public final class LatencyWindow {

	private final AtomicLongArray values;

	private final AtomicLong written = new AtomicLong();

	public LatencyWindow(int capacity) {
		this.values = new AtomicLongArray(capacity);
	}

	public void add(long millis) {
		long slot = this.written.getAndIncrement();
		this.values.lazySet((int) (slot % this.values.length()), millis);
	}

	/**
	 * The percentile (0..100) of the recorded latencies by nearest rank, or 0 when none
	 * is recorded.
	 */
	public long percentile(double percentile) {
		int size = (int) Math.min(this.written.get(), this.values.length());
		if (size == 0) {
			return 0;
		}
		long[] sorted = new long[size];
		for (int i = 0; i < size; i++) {
			sorted[i] = this.values.get(i);
		}
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100 * size);
		return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
	}

}
