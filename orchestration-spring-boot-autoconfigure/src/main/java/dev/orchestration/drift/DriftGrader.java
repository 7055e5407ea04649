package dev.orchestration.drift;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Scores one answer of a drift check, 0 (wrong) to 1 (right). Built in: {@link #exact()},
 * {@link #contains()}, {@link #regex()}; define a bean of this type and name it in
 * {@code llm.drift.checks.<name>.grader} for your own (a judge model, a JSON schema).
 */
@FunctionalInterface
public interface DriftGrader {

	double score(DriftCase evalCase, String answer);

	/**
	 * The answer equals the expected answer, ignoring case and surrounding or repeated
	 * whitespace.
	 */
	static DriftGrader exact() {
		return (c, answer) -> normalize(answer).equals(normalize(c.expected())) ? 1 : 0;
	}

	/** The answer contains the expected answer, ignoring case. */
	static DriftGrader contains() {
		return (c, answer) -> normalize(answer).contains(normalize(c.expected())) ? 1 : 0;
	}

	/**
	 * The answer contains a match of the expected answer read as a regular expression.
	 */
	static DriftGrader regex() {
		return (c, answer) -> (c.expected() != null && Pattern.compile(c.expected()).matcher(answer).find()) ? 1 : 0;
	}

	private static String normalize(@Nullable String text) {
		return (text != null) ? text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) : "";
	}

}
