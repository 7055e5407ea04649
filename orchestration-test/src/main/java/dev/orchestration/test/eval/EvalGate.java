package dev.orchestration.test.eval;

import java.util.Locale;

/**
 * Eval-gated changes for JUnit 5 (or any test framework): fails with an
 * {@link AssertionError} and a clear message when a routing change loses quality or gets
 * more expensive than allowed against a stored {@link EvalBaseline}.
 *
 * <pre>{@code
 * EvalReport report = runner.evaluate(dataset, Policy.of("candidate", client));
 * EvalBaseline baseline = EvalBaseline.readOrUpdate(Path.of("src/test/resources/eval/baseline.json"), report);
 * EvalGate.assertThat(report).passRateNotBelow(baseline, 2.0).costPerSuccessNotAbove(baseline, 1.10);
 * }</pre>
 */
public final class EvalGate {

	private final String label;

	private final EvalMetrics actual;

	private EvalGate(String label, EvalMetrics actual) {
		this.label = label;
		this.actual = actual;
	}

	/** Gates the report's primary run. */
	public static EvalGate assertThat(EvalReport report) {
		return assertThat(report.dataset(), report.primary());
	}

	public static EvalGate assertThat(String dataset, PolicyRun run) {
		return new EvalGate("policy '" + run.policy() + "' on '" + dataset + "'", run.metrics());
	}

	public static EvalGate assertThat(String label, EvalMetrics metrics) {
		return new EvalGate(label, metrics);
	}

	/** Fails when the pass rate dropped by more than {@code points} percentage points. */
	public EvalGate passRateNotBelow(EvalBaseline baseline, double points) {
		return passRateNotBelow(baseline.metrics(), points, describe(baseline));
	}

	public EvalGate passRateNotBelow(EvalMetrics baseline, double points) {
		return passRateNotBelow(baseline, points, "baseline");
	}

	/** Fails when the pass rate is below an absolute floor (0..1). */
	public EvalGate passRateAtLeast(double floor) {
		if (!(this.actual.passRate() >= floor)) {
			throw new AssertionError(String.format(Locale.ROOT,
					"Eval gate failed for %s: pass rate %.2f %% is below the floor %.2f %% (%d/%d cases passed).",
					this.label, 100 * this.actual.passRate(), 100 * floor, this.actual.passed(), this.actual.cases()));
		}
		return this;
	}

	/**
	 * Fails when the cost per successful request exceeds the baseline's times
	 * {@code factor} (1.10 = +10 %).
	 */
	public EvalGate costPerSuccessNotAbove(EvalBaseline baseline, double factor) {
		return costPerSuccessNotAbove(baseline.metrics(), factor, describe(baseline));
	}

	public EvalGate costPerSuccessNotAbove(EvalMetrics baseline, double factor) {
		return costPerSuccessNotAbove(baseline, factor, "baseline");
	}

	/** Fails when the mean judge score dropped by more than {@code delta}. */
	public EvalGate meanScoreNotBelow(EvalBaseline baseline, double delta) {
		double allowed = baseline.metrics().meanScore() - delta;
		if (Double.isFinite(baseline.metrics().meanScore()) && !(this.actual.meanScore() >= allowed)) {
			throw new AssertionError(String.format(Locale.ROOT,
					"Eval gate failed for %s: mean judge score %.3f is below %s %.3f by more than the allowed %.3f.",
					this.label, this.actual.meanScore(), describe(baseline), baseline.metrics().meanScore(), delta));
		}
		return this;
	}

	private EvalGate passRateNotBelow(EvalMetrics baseline, double points, String what) {
		double drop = 100 * (baseline.passRate() - this.actual.passRate());
		if (!(drop <= points + 1e-9)) {
			throw new AssertionError(String.format(Locale.ROOT,
					"Eval gate failed for %s: pass rate %.2f %% (%d/%d) is %.2f points below the %s %.2f %% "
							+ "(allowed drop: %.2f points).",
					this.label, 100 * this.actual.passRate(), this.actual.passed(), this.actual.cases(), drop, what,
					100 * baseline.passRate(), points));
		}
		return this;
	}

	private EvalGate costPerSuccessNotAbove(EvalMetrics baseline, double factor, String what) {
		double limit = baseline.costPerSuccess() * factor;
		double cps = this.actual.costPerSuccess();
		if (Double.isNaN(cps) || cps > limit + 1e-15) {
			throw new AssertionError(String.format(Locale.ROOT,
					"Eval gate failed for %s: cost per successful request $%.6g exceeds %.2f x the %s $%.6g "
							+ "(limit $%.6g; %s).",
					this.label, cps, factor, what, baseline.costPerSuccess(), limit,
					Double.isNaN(cps) ? "no request passed"
							: String.format(Locale.ROOT, "+%.1f %%", 100 * (cps / baseline.costPerSuccess() - 1))));
		}
		return this;
	}

	private static String describe(EvalBaseline baseline) {
		return "baseline of '" + baseline.policy() + "' (recorded " + baseline.recordedAt() + ")";
	}

}
