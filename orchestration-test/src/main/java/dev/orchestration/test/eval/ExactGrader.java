package dev.orchestration.test.eval;

import java.util.Locale;

/** The answer equals the expected answer after trimming and collapsing whitespace. */
final class ExactGrader implements Grader {

	private final boolean ignoreCase;

	ExactGrader(boolean ignoreCase) {
		this.ignoreCase = ignoreCase;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		String expected = evalCase.expected();
		if (expected == null) {
			return Grade.fail("no expected answer in case " + evalCase.id());
		}
		String a = normalize(served.text());
		String b = normalize(expected);
		boolean equal = this.ignoreCase ? a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)) : a.equals(b);
		return equal ? Grade.pass("exact match")
				: Grade.fail("expected '" + abbreviate(b) + "', got '" + abbreviate(a) + "'");
	}

	static String normalize(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
