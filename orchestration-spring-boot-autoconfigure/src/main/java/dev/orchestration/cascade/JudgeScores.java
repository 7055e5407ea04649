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

	private static final String INSTRUCTIONS = """
			You grade an assistant's answer. Score each criterion from 0.0 to 1.0:
			relevance: does the answer address the question?
			coherence: is it clear and consistent?
			hallucinationRisk: how likely does it state something false? (0.0 = surely correct)
			Question:
			%s
			Answer:
			%s
			%s""";

	/**
	 * The grading prompt a judge tier is asked (the cascade's judge and the shadow
	 * comparison's judge ask the same).
	 * @param question the question
	 * @param answer the answer to grade
	 * @param format the structured-output format instructions for these scores
	 * @return the prompt text
	 */
	public static String prompt(String question, String answer, String format) {
		return INSTRUCTIONS.formatted(question, answer, format);
	}

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
