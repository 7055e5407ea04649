package dev.orchestration.cache.semantic;

import java.time.Instant;
import java.util.Optional;

/**
 * A nearest-neighbour index of embedding vectors, partitioned by scope, whose entries
 * expire.
 * <p>
 * A lookup only ever considers entries added under the identical scope, and an entry
 * whose expiry time has passed never matches. Implementations are thread-safe.
 */
public interface SemanticIndex {

	/**
	 * Adds an entry, replacing any entry with the same id in the same scope.
	 * @param scope the scope (partition) of the entry
	 * @param entryId the id of the entry, unique within its scope
	 * @param vector the embedding of the entry's text
	 * @param expiresAt the instant from which the entry no longer matches
	 */
	void add(String scope, String entryId, float[] vector, Instant expiresAt);

	/**
	 * Finds the live entry of the scope most similar to the vector.
	 * @param scope the scope to search; entries of other scopes are never considered
	 * @param vector the query embedding
	 * @param minSimilarity the smallest cosine similarity that counts as a match
	 * (inclusive)
	 * @return the most similar live entry of the scope if its similarity is at least
	 * {@code minSimilarity}
	 */
	Optional<SemanticMatch> nearest(String scope, float[] vector, double minSimilarity);

	/**
	 * Removes an entry if present.
	 * @param scope the scope of the entry
	 * @param entryId the id of the entry
	 */
	void remove(String scope, String entryId);

	/**
	 * Removes every entry of a scope.
	 * @param scope the scope to clear
	 */
	void clear(String scope);

	/**
	 * Returns the number of live (unexpired) entries over all scopes.
	 * @return the number of entries
	 */
	long size();

	/**
	 * Adds an entry with the question's text; indexes that embed with their own model (a
	 * Spring AI {@code VectorStore}) need it, the others ignore it.
	 */
	default void add(String scope, String entryId, String text, float[] vector, Instant expiresAt) {
		add(scope, entryId, vector, expiresAt);
	}

	/** The nearest entry of the scope, given the question's text and its vector. */
	default Optional<SemanticMatch> nearest(String scope, String text, float[] vector, double minSimilarity) {
		return nearest(scope, vector, minSimilarity);
	}

}
