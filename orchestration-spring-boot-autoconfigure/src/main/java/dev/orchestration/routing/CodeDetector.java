package dev.orchestration.routing;

/**
 * Whether a message looks like it contains code, for the {@code contains-code} rule: a
 * fenced block ({@code ```}), or a line that starts with a keyword of a common language
 * and ends with {@code :}, <code>{</code>, {@code ;} or {@code (}. One pass over the text
 * (this runs on every routed request); it decides as the regular expression
 * {@code ```|^\s*(def|class|...|if)\b.*[:{;(]\s*$} (multi-line) did, with a word boundary
 * on ASCII word characters as {@code \b} has on JDK 19 and later.
 */
final class CodeDetector {

	private static final String[] KEYWORDS = { "def", "class", "public", "private", "import", "function", "const",
			"let", "var", "return", "#include", "for", "while", "if" };

	private static final String LINE_ENDINGS = ":{;(";

	private CodeDetector() {
	}

	static boolean looksLikeCode(String text) {
		if (text.contains("```")) {
			return true;
		}
		int length = text.length();
		int lineStart = 0;
		while (true) {
			int lineEnd = lineStart;
			while (lineEnd < length && !isLineTerminator(text.charAt(lineEnd))) {
				lineEnd++;
			}
			if (isCodeLine(text, lineStart, lineEnd)) {
				return true;
			}
			if (lineEnd >= length) {
				return false;
			}
			lineStart = lineEnd + 1;
		}
	}

	private static boolean isCodeLine(String text, int start, int end) {
		int i = start;
		while (i < end && isBlank(text.charAt(i))) {
			i++;
		}
		if (i == end) {
			return false;
		}
		int keywordEnd = keywordEnd(text, i, end);
		if (keywordEnd < 0) {
			return false;
		}
		int last = end - 1;
		while (last >= keywordEnd && isBlank(text.charAt(last))) {
			last--;
		}
		return last >= keywordEnd && LINE_ENDINGS.indexOf(text.charAt(last)) >= 0;
	}

	/** Where the keyword at {@code at} ends (followed by a word boundary), or -1. */
	private static int keywordEnd(String text, int at, int lineEnd) {
		for (String keyword : KEYWORDS) {
			int end = at + keyword.length();
			if (end <= lineEnd && text.startsWith(keyword, at) && (end == text.length() || !isWord(text.charAt(end)))) {
				return end;
			}
		}
		return -1;
	}

	/** White space that does not end a line ({@code \s} minus CR and LF). */
	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == 0x0B || c == '\f';
	}

	/** The line terminators of {@link java.util.regex.Pattern} (no UNIX_LINES). */
	private static boolean isLineTerminator(char c) {
		return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	private static boolean isWord(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	}

}
