package dev.orchestration.routing;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code contains-code} detection is a single pass now; it must decide as the regular
 * expression it replaced (on ASCII text, where JDK 17's and JDK 19+'s {@code \b} agree).
 */
class CodeDetectorTests {

	private static final Pattern REFERENCE = Pattern.compile(
			"```|^\\s*(def|class|public|private|import|function|const|let|var|return|#include|for|while|if)\\b.*[:{;(]\\s*$",
			Pattern.MULTILINE);

	@Test
	void codeIsRecognisedAndProseIsNot() {
		assertThat(CodeDetector.looksLikeCode("Why does this fail?\ndef parse(text):\n    return text")).isTrue();
		assertThat(CodeDetector.looksLikeCode("```java\nint x = 1\n```")).isTrue();
		assertThat(CodeDetector.looksLikeCode("  public static void main(String[] args) {  ")).isTrue();
		assertThat(CodeDetector.looksLikeCode("#include <stdio.h>;")).isTrue();
		assertThat(CodeDetector.looksLikeCode("What is the capital of France? Answer in one sentence.")).isFalse();
		assertThat(CodeDetector.looksLikeCode("if you can, tell me a story")).isFalse();
		assertThat(CodeDetector.looksLikeCode("format(")).isFalse();
		assertThat(CodeDetector.looksLikeCode("")).isFalse();
	}

	@Test
	void decidesAsTheRegularExpressionOnAwkwardInputs() {
		String[] inputs = { "if(", "if (", "if", "if:", "iff(", "if_(", "if1(", " \t if x {  \t", "if x {\r\n",
				"if x {\ry", "x\r\nif y;", "x\u0085if y;", "x\u2028if y;\u2029", "if x\u0085;", "if x ;\u000b\f",
				"\n\n  for i in range(3):", "for\n(", "return;", "#include", "#includes(", "let x = f(\n", "``",
				"a```b", "while true {  }", "def f(): pass", "class A { }", "\f\u000bconst x = (", "var\t(" };
		for (String input : inputs) {
			assertThat(CodeDetector.looksLikeCode(input)).as("looksLikeCode(%s)", escaped(input))
				.isEqualTo(REFERENCE.matcher(input).find());
		}
	}

	@Test
	void decidesAsTheRegularExpressionOnRandomText() {
		String[] pieces = { "def", "class", "public", "import", "function", "const", "let", "var", "return", "#include",
				"for", "while", "if", "x", "_", "1", " ", " ", "\t", "\n", "\r", "\r\n", "\u000b", "\f", "\u0085",
				"\u2028", ":", "{", ";", "(", ")", "`", "``", "?", "." };
		SplittableRandom random = new SplittableRandom(11);
		int matched = 0;
		for (int i = 0; i < 50_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(10);
			for (int j = 0; j < length; j++) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			String input = text.toString();
			boolean expected = REFERENCE.matcher(input).find();
			matched += expected ? 1 : 0;
			assertThat(CodeDetector.looksLikeCode(input)).as("looksLikeCode(%s)", escaped(input)).isEqualTo(expected);
		}
		assertThat(matched).as("the random texts exercise both answers").isBetween(1_000, 49_000);
	}

	private static String escaped(String text) {
		StringBuilder out = new StringBuilder();
		text.chars().forEach((c) -> out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : (char) c));
		return out.toString();
	}

}
