package dev.orchestration.cache;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import dev.orchestration.cache.internal.ExactCacheAdvisor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact cache's key normalisation is a single pass now; keys already stored (in
 * Redis, for instance) were written with the regular expressions below, so both must
 * agree on every input.
 */
class ExactCacheNormalizationTests {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?!.]+$");

	/** The normalisation as first written. */
	private static String reference(String question) {
		String collapsed = WHITESPACE.matcher(question.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
		return TRAILING_PUNCTUATION.matcher(collapsed).replaceAll("");
	}

	@Test
	void sameQuestionsWithDifferentCaseSpacingAndEndingsShareAKey() {
		assertThat(ExactCacheAdvisor.normalize("  How do I   reset it?  ")).isEqualTo("how do i reset it");
		assertThat(ExactCacheAdvisor.normalize("how do i reset it")).isEqualTo("how do i reset it");
		assertThat(ExactCacheAdvisor.normalize("Why?!.\n\t")).isEqualTo("why");
		assertThat(ExactCacheAdvisor.normalize("What is 3.5?")).isEqualTo("what is 3.5");
	}

	@Test
	void agreesWithTheRegularExpressionsOnAwkwardInputs() {
		String[] inputs = { "", " ", "?", "?!.", "a", "A?\u0085", "a? \u0085", "?\u0085", "\u0085", "a\u2028b",
				"\u00a0x\u00a0", "x\u3000?", "tab\tand\u000bvt\fff\rcr", "İstanbul?", "ǅ ß ΣΑΣ.", "a . b ?",
				"line\r\n\r\nbreaks\n", "emoji 😀 ?", "\u001c\u001dx\u001e\u001f" };
		for (String input : inputs) {
			assertThat(ExactCacheAdvisor.normalize(input)).as("normalize(%s)", escaped(input))
				.isEqualTo(reference(input));
		}
	}

	@Test
	void agreesWithTheRegularExpressionsOnRandomText() {
		char[] alphabet = { 'a', 'B', 'z', 'İ', 'Σ', ' ', ' ', '\t', '\n', '\r', '\u000b', '\f', '\u00a0', '\u2028',
				'\u2029', '\u0085', '\u3000', '\u001c', '?', '!', '.', ',', '0', '\ud83d', '\ude00' };
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				text.append(alphabet[random.nextInt(alphabet.length)]);
			}
			String input = text.toString();
			assertThat(ExactCacheAdvisor.normalize(input)).as("normalize(%s)", escaped(input))
				.isEqualTo(reference(input));
		}
	}

	private static String escaped(String text) {
		StringBuilder out = new StringBuilder();
		text.chars().forEach((c) -> out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : (char) c));
		return out.toString();
	}

}
