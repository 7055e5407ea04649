package dev.orchestration.test.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates token counts as {@code ceil(chars / 4)} and splits answers into one-token
 * word chunks for streaming.
 */
final class TokenEstimator {

	private TokenEstimator() {
	}

	/**
	 * Estimated tokens of a text: {@code ceil(length / 4)} (0 for null or empty text).
	 * @param text the text
	 * @return the estimate
	 */
	public static int estimate(String text) {
		if (text == null || text.isEmpty()) {
			return 0;
		}
		return (text.length() + 3) / 4;
	}

	/**
	 * Splits a text into word chunks: each chunk is a word with the whitespace that
	 * precedes it, so that the concatenation of all chunks is exactly the input. Each
	 * chunk counts as one streamed "token".
	 * @param text the text
	 * @return the chunks (empty for an empty text)
	 */
	public static List<String> chunks(String text) {
		List<String> out = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return out;
		}
		int start = 0;
		int i = 0;
		int n = text.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			while (i < n && !Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			out.add(text.substring(start, i));
			start = i;
		}
		return out;
	}

}
