package dev.orchestration.bench.load;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of recorded latencies: the p-th percentile of n sorted values
 * is the value at rank {@code ceil(p / 100 * n)} (1-based), so it is always a latency
 * that was measured.
 */
public final class Percentiles {

	private final long[] sorted;

	private Percentiles(long[] sorted) {
		this.sorted = sorted;
	}

	/**
	 * Sorts a copy of the values.
	 * @param values the latencies, in any order
	 * @return the percentiles of the values
	 */
	public static Percentiles of(long[] values) {
		long[] copy = values.clone();
		Arrays.sort(copy);
		return new Percentiles(copy);
	}

	/**
	 * The nearest-rank percentile.
	 * @param percent between 0 (exclusive) and 100 (inclusive)
	 * @return the value, or 0 when there are no values
	 */
	public long percentile(double percent) {
		if (!(percent > 0 && percent <= 100)) {
			throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
		}
		if (this.sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percent / 100 * this.sorted.length);
		return this.sorted[Math.max(rank, 1) - 1];
	}

	/**
	 * The number of values.
	 * @return the count
	 */
	public int count() {
		return this.sorted.length;
	}

}
