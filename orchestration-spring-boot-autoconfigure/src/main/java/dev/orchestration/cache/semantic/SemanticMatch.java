package dev.orchestration.cache.semantic;

/**
 * The nearest live entry of a scope for a query vector, with its cosine similarity.
 *
 * @param entryId the id under which the entry was added
 * @param similarity cosine similarity between the query and the entry, in [-1, 1]
 */
public record SemanticMatch(String entryId, double similarity) {

}
