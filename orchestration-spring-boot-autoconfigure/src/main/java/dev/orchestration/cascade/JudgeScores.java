package dev.orchestration.cascade;

/**
 * The judge's graded verdict, returned through structured output.
 *
 * @param relevance how well the answer addresses the question, 0..1
 * @param coherence how clear and consistent the answer is, 0..1
 * @param hallucinationRisk how likely the answer states things that are not true, 0..1
 * (lower is better)
 */
public record JudgeScores(double relevance, double coherence, double hallucinationRisk) {

	/** One score: the mean of relevance, coherence and the absence of hallucination. */
	public double overall() {
		return (clamp(this.relevance) + clamp(this.coherence) + (1 - clamp(this.hallucinationRisk))) / 3;
	}

	boolean isValid() {
		return inRange(this.relevance) && inRange(this.coherence) && inRange(this.hallucinationRisk);
	}

	private static boolean inRange(double value) {
		return value >= 0 && value <= 1;
	}

	private static double clamp(double value) {
		return Math.max(0, Math.min(1, value));
	}

}
