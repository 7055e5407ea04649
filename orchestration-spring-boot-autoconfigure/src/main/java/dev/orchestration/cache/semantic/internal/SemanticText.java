package dev.orchestration.cache.semantic.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import dev.orchestration.embedding.internal.EmbeddingWindow;
import org.jspecify.annotations.Nullable;

/**
 * What the semantic cache compares for one question (the last user message), chosen so
 * that no part of the message the embedding does not see can ever differ between a hit
 * and the entry it serves.
 * <p>
 * The rule, in order:
 * <ol>
 * <li>A message of one line is embedded whole if it fits the embedding window; otherwise
 * it gets no semantic lookup at all (exact cache only).</li>
 * <li>A message of several lines (a document, retrieved passages or code followed by a
 * question, as retrieval-augmented prompts look) is split at its last line break: the
 * last line is embedded if it fits the window, and everything before it, the context,
 * becomes part of the partition the lookup searches (its SHA-256), so only entries with
 * the identical context are compared. If the last line does not fit, there is no semantic
 * lookup.</li>
 * </ol>
 * So a different question after the same long document is compared question against
 * question, the same question after a different document never matches, and a long
 * document after the question (the mirror case) puts the question into the exact-match
 * context. The context is split off even when the whole message would fit, because a
 * shared context dominates the vector and pulls different questions together.
 *
 * @param embedded the text to embed and compare, or {@code null} when the message gets no
 * semantic lookup
 * @param contextDigest SHA-256 (hex) of the part that must match exactly, or {@code null}
 * when there is none
 */
public record SemanticText(@Nullable String embedded, @Nullable String contextDigest) {

	private static final SemanticText EXACT_ONLY = new SemanticText(null, null);

	/**
	 * Works out what to compare for a question.
	 * @param question the last user message
	 * @param window what the embedding model sees
	 * @return the text to embed and the context digest, or a result whose
	 * {@link #semantic()} is {@code false}
	 */
	public static SemanticText of(String question, EmbeddingWindow window) {
		Objects.requireNonNull(question, "question");
		String text = question.strip();
		if (text.isEmpty()) {
			return EXACT_ONLY;
		}
		int lineBreak = lastLineBreak(text);
		if (lineBreak < 0) {
			return window.fits(text) ? new SemanticText(text, null) : EXACT_ONLY;
		}
		String lastLine = text.substring(lineBreak + 1).strip();
		String context = text.substring(0, lineBreak);
		if (lastLine.isEmpty() || !window.fits(lastLine)) {
			return EXACT_ONLY;
		}
		return new SemanticText(lastLine, sha256(context));
	}

	/** Whether the message gets a semantic lookup. */
	public boolean semantic() {
		return this.embedded != null;
	}

	/**
	 * The index partition to search and write: the cache scope, refined by the context
	 * digest when there is one ({@code scope + ":c" + digest}, so that clearing the
	 * scope's keys with {@code scope:*} also clears it).
	 * @param scope the cache scope key
	 * @return the partition key
	 */
	public String partition(String scope) {
		return (this.contextDigest != null) ? scope + CONTEXT_SEPARATOR + this.contextDigest : scope;
	}

	/** Separator between a scope and its context digest in a partition key. */
	public static final String CONTEXT_SEPARATOR = ":c";

	private static int lastLineBreak(String text) {
		return Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
