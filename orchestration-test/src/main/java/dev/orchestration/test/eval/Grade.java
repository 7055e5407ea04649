package dev.orchestration.test.eval;

import org.jspecify.annotations.Nullable;

/**
 * A grader's verdict on one answer.
 *
 * @param passed whether the answer counts as a success
 * @param score a judge (or recorded) score, or {@code null} when the grader gives none
 * @param detail a short explanation
 */
public record Grade(boolean passed, @Nullable Double score, String detail) {

	public static Grade pass(String detail) {
		return new Grade(true, null, detail);
	}

	public static Grade fail(String detail) {
		return new Grade(false, null, detail);
	}

	/** A scored grade: passed when {@code score >= threshold}. */
	public static Grade scored(double score, double threshold, String detail) {
		return new Grade(score >= threshold, score, detail);
	}

}
