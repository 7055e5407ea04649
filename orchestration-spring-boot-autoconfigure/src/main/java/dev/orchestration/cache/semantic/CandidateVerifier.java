package dev.orchestration.cache.semantic;

/**
 * A second check on a semantic-cache candidate: decides whether the cached entry may
 * answer the query.
 * <p>
 * Runs after the index returned a candidate above the similarity threshold; rejecting it
 * turns the lookup into a miss. Implementations must be fast, offline and thread-safe.
 */
@FunctionalInterface
public interface CandidateVerifier {

	/**
	 * A verifier that accepts every candidate (the embedding threshold alone decides).
	 */
	CandidateVerifier ACCEPT_ALL = (cachedText, queryText, similarity) -> true;

	/**
	 * Decides whether a candidate may be served.
	 * @param cachedText the text the cached entry was stored under (the earlier user
	 * message)
	 * @param queryText the text of the current lookup
	 * @param similarity the cosine similarity the index reported for the pair
	 * @return {@code true} to serve the cached entry, {@code false} to treat the lookup
	 * as a miss
	 */
	boolean accept(String cachedText, String queryText, double similarity);

}
