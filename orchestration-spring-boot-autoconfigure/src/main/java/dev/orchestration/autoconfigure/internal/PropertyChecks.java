package dev.orchestration.autoconfigure.internal;

import java.time.Duration;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * Range checks of the starter's properties classes, run by the binder (the classes
 * implement {@link org.springframework.validation.Validator}): each rejected value
 * becomes a field error whose message is the problem and whose first argument is the fix,
 * which {@link OrchestrationBindValidationFailureAnalyzer} prints. Fields are dashed
 * property paths relative to the class's prefix, for example
 * {@code resilience.time-limit}.
 */
public final class PropertyChecks {

	/** Error code of every rejected value. */
	public static final String CODE = "llm.invalid";

	private final Errors errors;

	private PropertyChecks(Errors errors) {
		this.errors = errors;
	}

	/** Checks that report into the binder's errors. */
	public static PropertyChecks of(Errors errors) {
		return new PropertyChecks(errors);
	}

	/** Rejects the value of {@code field} unless {@code valid}. */
	public PropertyChecks require(boolean valid, String field, @Nullable Object value, String problem, String fix) {
		if (!valid) {
			reject(field, value, problem, fix);
		}
		return this;
	}

	/** A duration greater than zero; {@code null} passes (unset). */
	public PropertyChecks positive(String field, @Nullable Duration value, String fix) {
		return require(value == null || (!value.isNegative() && !value.isZero()), field, value,
				"the duration " + format(value) + " is not greater than zero", fix);
	}

	/** A duration of zero or more; {@code null} passes (unset). */
	public PropertyChecks notNegative(String field, @Nullable Duration value, String fix) {
		return require(value == null || !value.isNegative(), field, value,
				"the duration " + format(value) + " is negative", fix);
	}

	/** A number of at least {@code min}; {@code null} passes (unset). */
	public PropertyChecks atLeast(String field, @Nullable Number value, double min, String fix) {
		return require(value == null || value.doubleValue() >= min, field, value,
				"the value " + value + " is below " + format(min), fix);
	}

	/**
	 * A number within {@code [min, max]} (NaN is outside); {@code null} passes (unset).
	 */
	public PropertyChecks between(String field, @Nullable Number value, double min, double max, String fix) {
		return require(value == null || (value.doubleValue() >= min && value.doubleValue() <= max), field, value,
				"the value " + value + " is outside " + format(min) + ".." + format(max), fix);
	}

	/**
	 * A number within {@code (min, max]}: greater than {@code min}, at most {@code max}.
	 */
	public PropertyChecks aboveAndAtMost(String field, @Nullable Number value, double min, double max, String fix) {
		return require(value == null || (value.doubleValue() > min && value.doubleValue() <= max), field, value,
				"the value " + value + " is outside (" + format(min) + ", " + format(max) + "]", fix);
	}

	/** One of a fixed vocabulary. */
	public PropertyChecks oneOf(String field, @Nullable String value, Collection<String> allowed) {
		return require(value == null || allowed.contains(value), field, value,
				"'" + value + "' is not one of " + allowed, "use one of " + allowed);
	}

	private void reject(String field, @Nullable Object value, String problem, String fix) {
		Object[] arguments = { fix };
		if (this.errors instanceof BindingResult result) {
			result.addError(new FieldError(result.getObjectName(), field, value, false, new String[] { CODE },
					arguments, problem));
		}
		else {
			this.errors.reject(CODE, arguments, field + ": " + problem);
		}
	}

	private static String format(@Nullable Duration value) {
		if (value == null) {
			return "null";
		}
		long millis = value.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

}
