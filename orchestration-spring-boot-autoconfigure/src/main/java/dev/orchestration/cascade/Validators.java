package dev.orchestration.cascade;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.ai.chat.model.Generation;

/**
 * The deterministic validators: cheap checks that run before any judge or second model.
 */
public final class Validators {

	private static final Set<String> TRUNCATED = Set.of("length", "max_tokens", "model_length");

	private static final List<Pattern> REFUSALS = List.of(
			Pattern
				.compile("(?i)\\bI(?:'m| am)? (?:sorry,? )?(?:but )?(?:I )?(?:can(?:'|no)?t|cannot|am unable to|won't) "
						+ "(?:help|assist|comply|provide|do that)"),
			Pattern.compile("(?i)^\\s*as an ai(?: language model)?\\b"), Pattern.compile("(?i)\\bI must decline\\b"));

	private Validators() {
	}

	/** Fails empty answers. */
	public static ResponseVerifier nonEmpty() {
		return named("non-empty", (context) -> context.answer().isBlank() ? Verdict.fail("non-empty", "empty answer")
				: Verdict.pass("non-empty", "has text"));
	}

	/** Fails answers cut off by the token limit. */
	public static ResponseVerifier notTruncated() {
		return named("not-truncated", (context) -> {
			Generation result = context.response().getResult();
			String finish = (result != null) ? result.getMetadata().getFinishReason() : null;
			return (finish != null && TRUNCATED.contains(finish.toLowerCase(Locale.ROOT)))
					? Verdict.fail("not-truncated", "finish reason " + finish)
					: Verdict.pass("not-truncated", "complete");
		});
	}

	/** Fails answers that refuse ("I can't help with that", "As an AI..."). */
	public static ResponseVerifier noRefusal() {
		return named("refusal", (context) -> REFUSALS.stream().anyMatch((p) -> p.matcher(context.answer()).find())
				? Verdict.fail("refusal", "answer is a refusal") : Verdict.pass("refusal", "no refusal"));
	}

	/**
	 * Fails answers that do not match the task's pattern
	 * ({@code llm.cascade.tasks.<task>.pattern}).
	 */
	public static ResponseVerifier pattern() {
		return named("pattern", (context) -> {
			Pattern pattern = context.policy().pattern();
			if (pattern == null) {
				return Verdict.pass("pattern", "no pattern configured");
			}
			return pattern.matcher(context.answer()).find() ? Verdict.pass("pattern", "matches " + pattern)
					: Verdict.fail("pattern", "does not match " + pattern);
		});
	}

	private static ResponseVerifier named(String name,
			java.util.function.Function<VerificationContext, Verdict> check) {
		return new ResponseVerifier() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Verdict verify(VerificationContext context) {
				return check.apply(context);
			}

		};
	}

}
