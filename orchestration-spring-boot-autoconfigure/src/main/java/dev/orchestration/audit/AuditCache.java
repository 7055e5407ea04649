package dev.orchestration.audit;

import org.jspecify.annotations.Nullable;

/**
 * The cache layer that answered a request.
 *
 * @param layer {@code exact} or {@code semantic}
 * @param ageMillis age of the entry when served
 * @param similarity cosine similarity of the cached question (semantic hits only)
 * @param originalCost what the stored answer cost when it was first made, in USD
 */
public record AuditCache(String layer, long ageMillis, @Nullable Double similarity, @Nullable Double originalCost) {
}
