package dev.orchestration.cache.semantic.internal;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a gray-zone check did for a request, in the response's metadata
 * ({@link #from(ChatResponse)}): the verdict, whether it came from the per-pair cache,
 * and its latency and cost (zero when cached). On a miss after a "no", the request's
 * {@code RoutingReceipt} also includes the check's tokens and cost; on a hit after a
 * "yes", the receipt is the stored answer's and this record carries the check's cost.
 *
 * @param same the verdict
 * @param cached whether the verdict was reused for this pair instead of asking again
 * @param similarity the candidate's similarity
 * @param latency time the check took (zero when cached)
 * @param cost USD the check cost (zero when cached)
 * @param promptTokens prompt tokens of the check
 * @param completionTokens completion tokens of the check
 */
public record GrayZoneCheck(boolean same, boolean cached, double similarity, Duration latency, double cost,
		long promptTokens, long completionTokens) {

	/** The key under which the check is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.cache.gray-zone";

	public static Optional<GrayZoneCheck> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		return (response.getMetadata().get(METADATA_KEY) instanceof GrayZoneCheck check) ? Optional.of(check)
				: Optional.empty();
	}

}
