package dev.orchestration.test.eval;

import java.util.OptionalDouble;

/**
 * Replay grading: the case carries per-model recorded quality (RouterBench correctness,
 * GSM8K correctness, MT-Bench judge scores); the grade is the recorded value for whoever
 * served the answer, looked up by the routing receipt's model, then by the served member,
 * then by the served tier (the served cascade step for cascaded responses).
 */
final class RecordedCorrectnessGrader implements Grader {

	private final double passThreshold;

	private final boolean reportScore;

	RecordedCorrectnessGrader(double passThreshold, boolean reportScore) {
		this.passThreshold = passThreshold;
		this.reportScore = reportScore;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		String model = served.model();
		String member = served.member();
		String tier = served.tier();
		OptionalDouble value = evalCase.recordedFor(model, member, tier);
		if (value.isEmpty()) {
			return Grade.fail("no recorded outcome for model " + model + " / member " + member + " / tier " + tier
					+ " in case " + evalCase.id());
		}
		double v = value.getAsDouble();
		String who = (model != null) ? model : (member != null) ? member : tier;
		return new Grade(v >= this.passThreshold, this.reportScore ? v : null, "recorded " + v + " for " + who);
	}

}
