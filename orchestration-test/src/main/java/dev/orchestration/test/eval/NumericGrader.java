package dev.orchestration.test.eval;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * GSM8K style: the last number in the answer (thousands separators removed) equals the
 * last number in the expected answer ("18", "#### 18" and "$18.00" all read as 18).
 */
final class NumericGrader implements Grader {

	private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?|-?\\.\\d+");

	private final double tolerance;

	NumericGrader(double tolerance) {
		this.tolerance = tolerance;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		BigDecimal expected = (evalCase.expected() != null) ? lastNumber(evalCase.expected()) : null;
		if (expected == null) {
			return Grade.fail("no expected number in case " + evalCase.id());
		}
		BigDecimal actual = lastNumber(served.text());
		if (actual == null) {
			return Grade.fail("no number in the answer (expected " + expected.toPlainString() + ")");
		}
		boolean equal = (this.tolerance == 0) ? actual.compareTo(expected) == 0
				: Math.abs(actual.doubleValue() - expected.doubleValue()) <= this.tolerance;
		return equal ? Grade.pass("last number " + actual.toPlainString())
				: Grade.fail("last number " + actual.toPlainString() + ", expected " + expected.toPlainString());
	}

	/** The last number in a text, or {@code null}. */
	public static @Nullable BigDecimal lastNumber(String text) {
		Matcher m = NUMBER.matcher(text);
		String last = null;
		while (m.find()) {
			last = m.group();
		}
		if (last == null) {
			return null;
		}
		String cleaned = last.replace(",", "");
		if (cleaned.isEmpty() || cleaned.equals("-")) {
			return null;
		}
		return new BigDecimal(cleaned);
	}

}
