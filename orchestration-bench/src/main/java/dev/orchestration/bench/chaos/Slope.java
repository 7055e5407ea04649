package dev.orchestration.bench.chaos;

import java.util.List;

/**
 * Least-squares slope of y over x.
 */
final class Slope {

	private Slope() {
	}

	/**
	 * The slope of the least-squares line through the points; 0 with fewer than two
	 * distinct x.
	 * @param x the abscissae
	 * @param y the ordinates, as many as x
	 * @return dy/dx
	 */
	static double of(List<Double> x, List<Double> y) {
		int n = x.size();
		if (n < 2 || y.size() != n) {
			return 0;
		}
		double mx = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double my = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double sxy = 0;
		double sxx = 0;
		for (int i = 0; i < n; i++) {
			sxy += (x.get(i) - mx) * (y.get(i) - my);
			sxx += (x.get(i) - mx) * (x.get(i) - mx);
		}
		return (sxx == 0) ? 0 : sxy / sxx;
	}

	/**
	 * Whether a series grows without bound: its slope over the second half is above the
	 * threshold <em>and</em> the mean of its last quarter is above the highest value of
	 * its first half. A leak keeps making new highs; a series that only swings (thread
	 * pools, p99 on a shared machine) does not, however steep a short window is.
	 * @param x the abscissae (minutes)
	 * @param y the ordinates
	 * @param thresholdPerX the largest slope tolerated, in y per x
	 * @return true when the series grows
	 */
	static boolean grows(List<Double> x, List<Double> y, double thresholdPerX) {
		if (y.size() < 4 || lastHalf(x, y) <= thresholdPerX) {
			return false;
		}
		double firstHalfMax = y.subList(0, y.size() / 2).stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double lastQuarterMean = y.subList(y.size() - Math.max(1, y.size() / 4), y.size())
			.stream()
			.mapToDouble(Double::doubleValue)
			.average()
			.orElse(0);
		return lastQuarterMean > firstHalfMax;
	}

	/**
	 * The slope over the second half of the points (the first half is warm-up: JIT,
	 * caches filling).
	 */
	static double lastHalf(List<Double> x, List<Double> y) {
		int from = x.size() / 2;
		return of(x.subList(from, x.size()), y.subList(from, y.size()));
	}

}
