package dev.orchestration.test.eval;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The answer contains a match of a regex (given, or the case's expected answer). */
final class RegexGrader implements Grader {

	private final @Nullable Pattern pattern;

	RegexGrader(@Nullable String regex) {
		this.pattern = (regex != null) ? Pattern.compile(regex) : null;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		Pattern p = this.pattern;
		if (p == null) {
			if (evalCase.expected() == null) {
				return Grade.fail("no expected pattern in case " + evalCase.id());
			}
			p = Pattern.compile(evalCase.expected());
		}
		return p.matcher(served.text()).find() ? Grade.pass("matches /" + p.pattern() + "/")
				: Grade.fail("no match of /" + p.pattern() + "/");
	}

}
