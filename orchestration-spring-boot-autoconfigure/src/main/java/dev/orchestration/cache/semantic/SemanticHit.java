package dev.orchestration.cache.semantic;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Which entry a semantic hit served and at what similarity, in the response's metadata,
 * so that feedback ({@code SemanticCacheAdvisor.reportWrongHit(response)}) can reach the
 * right scope.
 *
 * @param scope the cache scope key
 * @param partition the index partition (the scope, refined by a context digest)
 * @param entryId the entry served
 * @param similarity the candidate's similarity
 * @param threshold the scope's threshold when it was served
 */
public record SemanticHit(String scope, String partition, String entryId, double similarity, double threshold) {

	/** The key under which the hit is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.cache.semantic-hit";

	public static Optional<SemanticHit> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		return (response.getMetadata().get(METADATA_KEY) instanceof SemanticHit hit) ? Optional.of(hit)
				: Optional.empty();
	}

}
