package dev.orchestration.cache.semantic.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-scope similarity thresholds under a user-set false-hit bound, moved by evidence.
 * <p>
 * Every scope starts at the measured threshold for the model ({@code initial}). Two rules
 * move it:
 * <ul>
 * <li><strong>Tighten on a wrong hit.</strong> Evidence that a candidate at similarity
 * {@code s} asked another question raises the scope's threshold to at least the next grid
 * point above {@code s} (grid step {@code step}): that similarity is not served unchecked
 * again until evidence below says otherwise.</li>
 * <li><strong>Relax only on accumulated evidence, never past the bound's confidence
 * limit.</strong> The threshold {@code t} moves down to the lowest grid point {@code g}
 * (not below {@code floor}) for which the labelled observations in the band
 * {@code [g, t)}, the similarities that would newly be served, put the one-sided Wilson
 * upper confidence bound of their wrong rate at or below the bound. With no wrong
 * observation, a 2 % bound at 95 % confidence needs 133 correct observations in the band;
 * each wrong one needs about 115 more; {@code g} itself is always an observed similarity
 * (no extrapolating below the evidence). Evidence used for one step does not count again
 * for the next (the next band lies below it).</li>
 * </ul>
 * So every band a scope serves unchecked below its start has its own bounded wrong rate,
 * and the union of bands does too. Observations come only from labelled signals
 * (gray-zone verdicts, {@code reportWrongHit}/{@code
 * reportCorrectHit}, a verifier's rejection); served hits nobody commented on are not
 * counted as correct. Since hits above the threshold are served unchecked, the evidence
 * that lets a threshold go below its start comes from the gray zone below it, which acts
 * as the exploration band. Each scope keeps its last {@code maxObservations}
 * observations; at most {@code maxScopes} scopes are tracked (the least recently used one
 * is forgotten and restarts at {@code initial}). Thread-safe; each piece of evidence
 * costs O(1/step).
 * <p>
 * The guarantee, stated plainly: below its start a threshold only ever stands where the
 * labelled evidence bounds the wrong rate of every band served by the bound at the chosen
 * confidence, if the labels are right and the evidence is representative of the traffic
 * in the band (a wrong oracle, or a bound re-tested as evidence arrives, weakens it: the
 * confidence is per step, not for the whole run). At and above its start it rests on the
 * offline measurement that chose {@code initial}, and every wrong hit observed there
 * raises it.
 */
public final class AdaptiveThresholds implements SimilarityThresholds {

	private final double initial;

	private final double floor;

	private final double bound;

	private final double z;

	private final double step;

	private final int maxObservations;

	private final Map<String, ScopeState> scopes;

	/**
	 * Creates thresholds with steps of 0.001, 2,000 observations per scope and 10,000
	 * scopes.
	 * @param initial the threshold every scope starts at (the one measured for the model
	 * at the bound)
	 * @param floor the lowest threshold evidence may relax to
	 * @param bound the acceptable false-hit rate, in (0, 1)
	 * @param confidence the confidence of the upper bound, in (0.5, 1), for example 0.95
	 */
	public AdaptiveThresholds(double initial, double floor, double bound, double confidence) {
		this(initial, floor, bound, confidence, 0.001, 2000, 10_000);
	}

	/**
	 * Creates thresholds.
	 * @param initial the threshold every scope starts at
	 * @param floor the lowest threshold evidence may relax to
	 * @param bound the acceptable false-hit rate, in (0, 1)
	 * @param confidence the confidence of the upper bound, in (0.5, 1)
	 * @param step the grid step and the margin above a wrong hit
	 * @param maxObservations observations kept per scope
	 * @param maxScopes scopes tracked
	 */
	public AdaptiveThresholds(double initial, double floor, double bound, double confidence, double step,
			int maxObservations, int maxScopes) {
		if (!(initial > 0 && initial <= 1) || !(floor > 0 && floor <= initial)) {
			throw new IllegalArgumentException(
					"need 0 < floor <= initial <= 1, got floor " + floor + " and initial " + initial);
		}
		if (!(bound > 0 && bound < 1) || !(confidence > 0.5 && confidence < 1) || !(step > 0 && step < 0.1)
				|| maxObservations < 1 || maxScopes < 1) {
			throw new IllegalArgumentException("need 0 < bound < 1, 0.5 < confidence < 1, 0 < step < 0.1");
		}
		this.initial = initial;
		this.floor = floor;
		this.bound = bound;
		this.z = normalQuantile(confidence);
		this.step = step;
		this.maxObservations = maxObservations;
		this.scopes = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ScopeState> eldest) {
				return size() > maxScopes;
			}
		};
	}

	@Override
	public double threshold(String scope) {
		ScopeState state;
		synchronized (this.scopes) {
			state = this.scopes.get(scope);
		}
		if (state == null) {
			return this.initial;
		}
		synchronized (state) {
			return state.threshold;
		}
	}

	@Override
	public void wrong(String scope, double similarity) {
		ScopeState state = state(scope);
		synchronized (state) {
			state.add(bucket(similarity), true);
			state.threshold = Math.min(1.0, Math.max(state.threshold, gridAbove(similarity)));
			relax(state);
		}
	}

	@Override
	public void correct(String scope, double similarity) {
		ScopeState state = state(scope);
		synchronized (state) {
			state.add(bucket(similarity), false);
			relax(state);
		}
	}

	/** The start threshold of every scope. */
	public double initial() {
		return this.initial;
	}

	/** The lowest threshold evidence may relax to. */
	public double floor() {
		return this.floor;
	}

	/** The acceptable false-hit rate. */
	public double bound() {
		return this.bound;
	}

	/**
	 * The one-sided Wilson upper confidence bound of a rate of {@code wrong} in
	 * {@code n}.
	 */
	public double upperBound(long wrong, long n) {
		if (n == 0) {
			return 1.0;
		}
		double p = (double) wrong / n;
		double z2 = this.z * this.z;
		double centre = p + z2 / (2.0 * n);
		double spread = this.z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
		return Math.min(1.0, (centre + spread) / (1 + z2 / n));
	}

	private ScopeState state(String scope) {
		synchronized (this.scopes) {
			return this.scopes.computeIfAbsent(scope,
					(key) -> new ScopeState(this.initial, buckets(), this.maxObservations));
		}
	}

	/**
	 * Lowers the threshold to the lowest grid point whose band of new similarities has a
	 * bounded wrong rate.
	 */
	private void relax(ScopeState state) {
		int top = bucket(state.threshold - 1e-9);
		if (bucket(state.threshold) == top) {
			// the threshold is inside a bucket (not on the grid): that bucket mixes
			// served and unserved similarities
			top--;
		}
		int lowest = (int) Math.ceil(this.floor / this.step - 1e-9);
		long n = 0;
		long wrong = 0;
		int best = -1;
		for (int b = top; b >= lowest && b >= 0; b--) {
			n += state.counts[b];
			wrong += state.wrongs[b];
			// the band must start at evidence: empty buckets below the lowest observation
			// prove nothing
			if (state.counts[b] > 0 && upperBound(wrong, n) <= this.bound) {
				best = b;
			}
		}
		if (best >= 0) {
			state.threshold = Math.min(state.threshold, round(best * this.step));
		}
	}

	private int buckets() {
		return (int) Math.round(1.0 / this.step) + 1;
	}

	private int bucket(double similarity) {
		int b = (int) Math.floor(Math.max(0, similarity) / this.step + 1e-9);
		return Math.min(b, buckets() - 1);
	}

	private double gridAbove(double similarity) {
		return round((bucket(similarity) + 1) * this.step);
	}

	private static double round(double value) {
		return Math.round(value * 1e6) / 1e6;
	}

	/**
	 * Inverse of the standard normal distribution (Acklam's rational approximation, error
	 * below 1.2e-9).
	 */
	static double normalQuantile(double p) {
		double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
				-3.066479806614716e+01, 2.506628277459239e+00 };
		double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
				-1.328068155288572e+01 };
		double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
				4.374664141464968e+00, 2.938163982698783e+00 };
		double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
		double low = 0.02425;
		if (p < low) {
			double q = Math.sqrt(-2 * Math.log(p));
			return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
					/ ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		}
		if (p > 1 - low) {
			double q = Math.sqrt(-2 * Math.log(1 - p));
			return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
					/ ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		}
		double q = p - 0.5;
		double r = q * q;
		return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
				/ (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}

	private static final class ScopeState {

		double threshold;

		final long[] counts;

		final long[] wrongs;

		/** Ring of the last observations: bucket * 2 + (wrong ? 1 : 0). */
		final int[] ring;

		int next;

		int size;

		ScopeState(double threshold, int buckets, int maxObservations) {
			this.threshold = threshold;
			this.counts = new long[buckets];
			this.wrongs = new long[buckets];
			this.ring = new int[maxObservations];
		}

		void add(int bucket, boolean wrong) {
			if (this.size == this.ring.length) {
				int evicted = this.ring[this.next];
				this.counts[evicted / 2]--;
				this.wrongs[evicted / 2] -= evicted % 2;
			}
			else {
				this.size++;
			}
			this.ring[this.next] = bucket * 2 + (wrong ? 1 : 0);
			this.next = (this.next + 1) % this.ring.length;
			this.counts[bucket]++;
			this.wrongs[bucket] += wrong ? 1 : 0;
		}

	}

}
