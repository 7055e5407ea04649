package dev.orchestration.cache;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Says in a response's metadata that it came from the cache: which layer, how old the
 * entry is and, for semantic hits, how similar the cached question was. Read it with
 * {@link #from(ChatResponse)}.
 *
 * @param layer {@code exact} or {@code semantic}
 * @param age the entry's age when served
 * @param similarity cosine similarity of the cached question (semantic hits only)
 */
public record CacheHit(String layer, Duration age, @Nullable Double similarity) {

	/** The key under which the hit is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.cache";

	public static final String EXACT = "exact";

	public static final String SEMANTIC = "semantic";

	public static Optional<CacheHit> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		return (response.getMetadata().get(METADATA_KEY) instanceof CacheHit hit) ? Optional.of(hit) : Optional.empty();
	}

}
