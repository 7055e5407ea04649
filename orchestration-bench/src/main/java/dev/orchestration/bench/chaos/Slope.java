package dev.orchestration.bench.chaos;

import java.util.List;

/**
 * Least-squares slope of y over x.
 */
final class Slope {

	private Slope() {
	}

	/**
	 * The slope of the least-squares line through the points; 0 with fewer than two distinct x.
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

	/** The slope over the second half of the points (the first half is warm-up: JIT, caches filling). */
	static double lastHalf(List<Double> x, List<Double> y) {
		int from = x.size() / 2;
		return of(x.subList(from, x.size()), y.subList(from, y.size()));
	}

}
