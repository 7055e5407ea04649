package dev.orchestration.test.eval;

import java.util.function.BiFunction;

import org.springframework.ai.chat.client.ChatClient;

/**
 * Decides whether an answer to a case passes. Implementations: {@link #exact()},
 * {@link #regex(String)}, {@link #numeric()}, {@link #jsonSchema(String)},
 * {@link #judge(BiFunction, double)}, {@link #recorded()}.
 */
@FunctionalInterface
public interface Grader {

	Grade grade(EvalCase evalCase, Served served);

	/**
	 * The answer equals the case's expected answer after trimming and collapsing
	 * whitespace (case-sensitive).
	 */
	static Grader exact() {
		return new ExactGrader(false);
	}

	/** As {@link #exact()}, ignoring case. */
	static Grader exactIgnoringCase() {
		return new ExactGrader(true);
	}

	/** The answer contains a match of this regex (Java syntax, {@code find()}). */
	static Grader regex(String regex) {
		return new RegexGrader(regex);
	}

	/** The answer contains a match of the case's expected answer read as a regex. */
	static Grader regexFromExpected() {
		return new RegexGrader(null);
	}

	/**
	 * GSM8K style: the last number in the answer equals the last number of the expected
	 * answer.
	 */
	static Grader numeric() {
		return new NumericGrader(0);
	}

	/** As {@link #numeric()} within an absolute tolerance. */
	static Grader numeric(double tolerance) {
		return new NumericGrader(tolerance);
	}

	/**
	 * The answer (code fences stripped) is JSON valid against the schema (draft 2020-12).
	 */
	static Grader jsonSchema(String schema) {
		return new JsonSchemaGrader(schema);
	}

	/**
	 * A judge function (case, answer) returning a score; passes when the score is at
	 * least the threshold.
	 */
	static Grader judge(BiFunction<EvalCase, String, Double> scorer, double threshold) {
		return new JudgeGrader(scorer, threshold);
	}

	/**
	 * A judge model behind a ChatClient asked for a 1-10 score; passes when the score is
	 * at least the threshold.
	 */
	static Grader judge(ChatClient judge, double threshold) {
		return new JudgeGrader(JudgeGrader.chatClientScorer(judge), threshold);
	}

	/**
	 * The case's recorded correctness for the model that served (receipt model, then
	 * member, then tier); passes when it is at least 0.5. Gives no score.
	 */
	static Grader recorded() {
		return new RecordedCorrectnessGrader(0.5, false);
	}

	/**
	 * The case's recorded score (for example MT-Bench's GPT-4 judge score) for the model
	 * that served, reported as the judge score; passes when it is at least the threshold.
	 */
	static Grader recordedScore(double passThreshold) {
		return new RecordedCorrectnessGrader(passThreshold, true);
	}

	/** Both graders must pass; the score is this grader's, else the other's. */
	default Grader and(Grader other) {
		return (evalCase, served) -> {
			Grade first = grade(evalCase, served);
			if (!first.passed()) {
				return first;
			}
			Grade second = other.grade(evalCase, served);
			return new Grade(second.passed(), (first.score() != null) ? first.score() : second.score(),
					first.detail() + "; " + second.detail());
		};
	}

}
