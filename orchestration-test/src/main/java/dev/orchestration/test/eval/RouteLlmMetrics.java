package dev.orchestration.test.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * RouteLLM's routing metrics (Ong et al. 2024, {@code routellm/evals/evaluate.py}) and
 * RouterBench's AIQ.
 * <p>
 * A router gives every item a score (higher = more in need of the strong model); a
 * threshold sends the items whose score is at or above it to the strong model. Sweeping
 * the threshold gives the quality-vs-share-of-strong-calls curve, from all-weak (share 0,
 * quality = weak) to all-strong (share 1, quality = strong).
 * <ul>
 * <li>CPT(x %): the smallest share of strong calls that reaches
 * {@code weak + x % * (strong - weak)} quality, found on the curve by linear
 * interpolation between its points (equal to RouteLLM's {@code np.interp} when the curve
 * is monotonic; where it is not, the first crossing is taken).</li>
 * <li>APGR: the area under the curve, normalised so that weak-only = 0 and strong-only =
 * 1: {@code (AUC - weak * span) / ((strong - weak) * span)} with the trapezoid rule over
 * the curve's points, as RouteLLM computes it; random routing gives 0.5 in
 * expectation.</li>
 * <li>AIQ (RouterBench): the area under the non-decreasing upper convex hull of a
 * policy's (cost, quality) points, the cost axis normalised to [0, 1].</li>
 * </ul>
 */
public final class RouteLlmMetrics {

	private RouteLlmMetrics() {
	}

	/** One threshold: the share of strong calls (0..1) and the mean quality it gives. */
	public record Point(double threshold, double strongShare, double quality) {
	}

	/**
	 * A quality-vs-share-of-strong-calls curve.
	 *
	 * @param name the router name
	 * @param points the thresholds, sorted by share of strong calls
	 * @param weakQuality mean quality of the weak model alone
	 * @param strongQuality mean quality of the strong model alone
	 */
	public record Curve(String name, List<Point> points, double weakQuality, double strongQuality) {

		public Curve {
			points = points.stream()
				.sorted(Comparator.comparingDouble(Point::strongShare).thenComparingDouble(Point::quality))
				.toList();
		}

		/**
		 * Performance gap recovered at a quality: 0 at the weak model, 1 at the strong
		 * model.
		 */
		public double pgr(double quality) {
			return (quality - this.weakQuality) / (this.strongQuality - this.weakQuality);
		}

		/**
		 * CPT: the smallest share of strong calls (0..1) reaching
		 * {@code weak + fraction * (strong - weak)}, or NaN when the curve never reaches
		 * it.
		 * @param fraction 0.5 for CPT(50 %), 0.8 for CPT(80 %)
		 */
		public double cpt(double fraction) {
			double target = this.weakQuality + fraction * (this.strongQuality - this.weakQuality);
			Point previous = null;
			for (Point p : this.points) {
				if (p.quality() >= target - 1e-12) {
					if (previous == null || p.quality() == previous.quality()) {
						return p.strongShare();
					}
					double t = (target - previous.quality()) / (p.quality() - previous.quality());
					return previous.strongShare()
							+ Math.max(0, Math.min(1, t)) * (p.strongShare() - previous.strongShare());
				}
				previous = p;
			}
			return Double.NaN;
		}

		/** Trapezoid area under quality over share of strong calls. */
		public double auc() {
			double area = 0;
			for (int i = 1; i < this.points.size(); i++) {
				Point a = this.points.get(i - 1);
				Point b = this.points.get(i);
				area += (b.strongShare() - a.strongShare()) * (a.quality() + b.quality()) / 2;
			}
			return area;
		}

		/**
		 * APGR as RouteLLM computes it (weak-only 0, strong-only 1, random about 0.5).
		 */
		public double apgr() {
			if (this.points.size() < 2) {
				return Double.NaN;
			}
			double span = this.points.get(this.points.size() - 1).strongShare() - this.points.get(0).strongShare();
			double weakAuc = this.weakQuality * span;
			double strongAuc = this.strongQuality * span;
			return (auc() - weakAuc) / (strongAuc - weakAuc);
		}

	}

	/**
	 * RouteLLM's evaluation sweep: {@code numResults + 1} thresholds at the quantiles
	 * {@code i / numResults} of the scores (numpy's linear interpolation, as
	 * {@code pd.qcut}); at each, items with score {@code >=} threshold go to the strong
	 * model, and at the last (the maximum) items with score {@code >} it, i.e. none.
	 * @param name router name
	 * @param strong per-item quality of the strong model
	 * @param weak per-item quality of the weak model
	 * @param scores per-item router score
	 * @param numResults number of bins (RouteLLM's default is 10)
	 * @return the curve
	 */
	public static Curve quantileCurve(String name, double[] strong, double[] weak, double[] scores, int numResults) {
		check(strong, weak, scores);
		return curve(name, strong, weak, scores, quantileThresholds(scores, numResults));
	}

	/**
	 * The full sweep: one point per distinct score (items at or above it go strong) plus
	 * the all-weak point.
	 */
	public static Curve fullCurve(String name, double[] strong, double[] weak, double[] scores) {
		check(strong, weak, scores);
		return curve(name, strong, weak, scores, allThresholds(scores));
	}

	/**
	 * A threshold: items with score {@code >= value} (or {@code > value} when strict) go
	 * to the strong model.
	 */
	public record Threshold(double value, boolean strict) {

		public boolean[] decide(double[] scores) {
			boolean[] toStrong = new boolean[scores.length];
			for (int i = 0; i < scores.length; i++) {
				toStrong[i] = this.strict ? scores[i] > this.value : scores[i] >= this.value;
			}
			return toStrong;
		}

	}

	/**
	 * RouteLLM's thresholds: the {@code i / numResults} quantiles, the last one strict.
	 */
	public static List<Threshold> quantileThresholds(double[] scores, int numResults) {
		double[] sorted = scores.clone();
		Arrays.sort(sorted);
		List<Threshold> thresholds = new ArrayList<>();
		for (int i = 0; i <= numResults; i++) {
			thresholds.add(new Threshold(quantile(sorted, (double) i / numResults), i == numResults));
		}
		return thresholds;
	}

	/** Every distinct score, then the maximum strictly (nothing strong). */
	public static List<Threshold> allThresholds(double[] scores) {
		double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
		List<Threshold> thresholds = new ArrayList<>();
		for (double value : distinct) {
			thresholds.add(new Threshold(value, false));
		}
		thresholds.add(new Threshold(distinct[distinct.length - 1], true));
		return thresholds;
	}

	static Curve curve(String name, double[] strong, double[] weak, double[] scores, List<Threshold> thresholds) {
		List<Point> points = new ArrayList<>();
		for (Threshold t : thresholds) {
			points.add(evaluate(strong, weak, t.decide(scores), t.value()));
		}
		return new Curve(name, points, mean(weak), mean(strong));
	}

	/**
	 * A curve from explicit routing decisions (for example a real router run at several
	 * thresholds): one point per decision vector, {@code true} = strong.
	 */
	public static Curve fromDecisions(String name, double[] strong, double[] weak, List<boolean[]> decisions) {
		List<Point> points = new ArrayList<>();
		int k = 0;
		for (boolean[] toStrong : decisions) {
			if (toStrong.length != strong.length) {
				throw new IllegalArgumentException("decision vector " + k + " has the wrong length");
			}
			points.add(evaluate(strong, weak, toStrong, k++));
		}
		return new Curve(name, points, mean(weak), mean(strong));
	}

	/** Uniform random scores (RouteLLM's random router). */
	public static double[] randomScores(int n, long seed) {
		Random random = new Random(seed);
		double[] scores = new double[n];
		for (int i = 0; i < n; i++) {
			scores[i] = random.nextDouble();
		}
		return scores;
	}

	/**
	 * The oracle's scores (an upper bound that reads the labels): {@code strong - weak},
	 * ties broken at random.
	 */
	public static double[] oracleScores(double[] strong, double[] weak, long seed) {
		Random random = new Random(seed);
		double[] scores = new double[strong.length];
		for (int i = 0; i < strong.length; i++) {
			scores[i] = (strong[i] - weak[i]) + random.nextDouble() * 1e-6;
		}
		return scores;
	}

	/**
	 * RouterBench's AIQ: the area under the non-decreasing upper convex hull of (cost,
	 * quality) points, the cost axis normalised to [0, 1] between the smallest and
	 * largest cost of the points.
	 * @param cost per point, its cost
	 * @param quality per point, its quality
	 * @return the AIQ, in the units of quality
	 */
	public static double aiq(double[] cost, double[] quality) {
		double lo = Arrays.stream(cost).min().orElse(0);
		double hi = Arrays.stream(cost).max().orElse(0);
		return aiq(cost, quality, lo, hi);
	}

	/** AIQ with the cost axis normalised between {@code minCost} and {@code maxCost}. */
	public static double aiq(double[] cost, double[] quality, double minCost, double maxCost) {
		if (cost.length != quality.length || cost.length == 0) {
			throw new IllegalArgumentException("need as many costs as qualities, at least one");
		}
		if (maxCost - minCost <= 0) {
			return Arrays.stream(quality).max().orElse(Double.NaN);
		}
		double[][] pts = new double[cost.length][];
		for (int i = 0; i < cost.length; i++) {
			pts[i] = new double[] { (cost[i] - minCost) / (maxCost - minCost), quality[i] };
		}
		Arrays.sort(pts, Comparator.<double[]>comparingDouble((p) -> p[0]).thenComparingDouble((p) -> p[1]));
		// upper hull (monotone chain, left to right)
		List<double[]> hull = new ArrayList<>();
		for (double[] p : pts) {
			while (hull.size() >= 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) >= 0) {
				hull.remove(hull.size() - 1);
			}
			hull.add(p);
		}
		// non-decreasing: stop at the best quality and extend flat to the right end
		int best = 0;
		for (int i = 1; i < hull.size(); i++) {
			if (hull.get(i)[1] > hull.get(best)[1]) {
				best = i;
			}
		}
		List<double[]> curve = new ArrayList<>(hull.subList(0, best + 1));
		double[] top = curve.get(curve.size() - 1);
		if (top[0] < 1) {
			curve.add(new double[] { 1, top[1] });
		}
		// the hull starts at the cheapest point; before it there is no policy: start
		// there at x = 0
		double area = 0;
		double[] first = curve.get(0);
		if (first[0] > 0) {
			curve.add(0, new double[] { 0, first[1] });
		}
		for (int i = 1; i < curve.size(); i++) {
			double[] a = curve.get(i - 1);
			double[] b = curve.get(i);
			area += (b[0] - a[0]) * (a[1] + b[1]) / 2;
		}
		return area;
	}

	private static double cross(double[] o, double[] a, double[] b) {
		return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
	}

	static Point evaluate(double[] strong, double[] weak, boolean[] toStrong, double threshold) {
		double quality = 0;
		int n = 0;
		for (int i = 0; i < toStrong.length; i++) {
			quality += toStrong[i] ? strong[i] : weak[i];
			n += toStrong[i] ? 1 : 0;
		}
		return new Point(threshold, (double) n / toStrong.length, quality / toStrong.length);
	}

	/** numpy's default (linear) quantile of sorted values. */
	static double quantile(double[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	static double mean(double[] values) {
		return Arrays.stream(values).average().orElse(Double.NaN);
	}

	private static void check(double[] strong, double[] weak, double[] scores) {
		if (strong.length != weak.length || strong.length != scores.length || strong.length == 0) {
			throw new IllegalArgumentException("strong, weak and scores need the same non-zero length");
		}
	}

}
