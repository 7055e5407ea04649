package dev.orchestration.test.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Python list literal of strings as written by {@code repr(list)}, e.g.
 * <code>['a&#92;n', "b's"]</code>.
 */
final class PythonListLiteral {

	private PythonListLiteral() {
	}

	/**
	 * Decodes the string elements of a Python list literal; a text that is not such a
	 * literal is returned as its only element. Supported escapes:
	 * <code>\\ \' \" \n \r \t \b \f \v \a \0 \xHH &#92;uHHHH &#92;UHHHHHHHH</code> and
	 * backslash-newline; unknown escapes are kept verbatim, as Python does.
	 * @param literal the literal
	 * @return the decoded elements
	 */
	public static List<String> parse(String literal) {
		String s = literal.strip();
		if (!s.startsWith("[") || !s.endsWith("]")) {
			return List.of(literal);
		}
		List<String> out = new ArrayList<>();
		int i = 1;
		int end = s.length() - 1;
		while (i < end) {
			char c = s.charAt(i);
			if (c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r') {
				i++;
				continue;
			}
			if (c != '\'' && c != '"') {
				return List.of(literal);
			}
			StringBuilder sb = new StringBuilder();
			i++;
			boolean closed = false;
			while (i < end) {
				char ch = s.charAt(i);
				if (ch == c) {
					closed = true;
					i++;
					break;
				}
				if (ch != '\\' || i + 1 >= end) {
					sb.append(ch);
					i++;
					continue;
				}
				char e = s.charAt(i + 1);
				i += 2;
				switch (e) {
					case '\\' -> sb.append('\\');
					case '\'' -> sb.append('\'');
					case '"' -> sb.append('"');
					case 'n' -> sb.append('\n');
					case 'r' -> sb.append('\r');
					case 't' -> sb.append('\t');
					case 'b' -> sb.append('\b');
					case 'f' -> sb.append('\f');
					case 'v' -> sb.append('\u000b');
					case 'a' -> sb.append('\u0007');
					case '0' -> sb.append('\0');
					case '\n' -> {
					}
					case 'x' -> i = hex(s, i, 2, sb);
					case 'u' -> i = hex(s, i, 4, sb);
					case 'U' -> i = hex(s, i, 8, sb);
					default -> sb.append('\\').append(e);
				}
			}
			if (!closed) {
				return List.of(literal);
			}
			out.add(sb.toString());
		}
		return out;
	}

	private static int hex(String s, int i, int digits, StringBuilder sb) {
		if (i + digits > s.length()) {
			sb.append(s, i - 2, s.length());
			return s.length();
		}
		try {
			int cp = Integer.parseInt(s.substring(i, i + digits), 16);
			sb.appendCodePoint(cp);
			return i + digits;
		}
		catch (IllegalArgumentException ex) {
			sb.append(s, i - 2, i);
			return i;
		}
	}

}
