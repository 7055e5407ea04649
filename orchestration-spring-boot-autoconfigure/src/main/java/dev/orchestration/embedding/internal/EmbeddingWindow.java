package dev.orchestration.embedding.internal;

/**
 * How much text an embedding model sees: callers that must not act on text the vector
 * does not represent (the semantic cache) ask {@link #fits(String)} before they embed.
 */
public interface EmbeddingWindow {

	/**
	 * Whether the model sees every part of the text when it embeds it with
	 * {@code embed(String)}, that is, nothing is truncated.
	 * @param text the text to embed
	 * @return {@code true} if the whole text is within the model's window
	 */
	boolean fits(String text);

	/**
	 * A window for models that cannot count their tokens here: a text fits when it has at
	 * most {@code maxCharacters} characters.
	 * @param maxCharacters the longest text, in characters, that is known to be within
	 * the model's window
	 * @return the window
	 */
	static EmbeddingWindow characters(int maxCharacters) {
		if (maxCharacters < 1) {
			throw new IllegalArgumentException("maxCharacters must be at least 1, was " + maxCharacters);
		}
		return (text) -> text.length() <= maxCharacters;
	}

}
