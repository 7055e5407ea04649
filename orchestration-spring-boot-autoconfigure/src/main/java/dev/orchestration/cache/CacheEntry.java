package dev.orchestration.cache;

import java.time.Instant;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * A stored answer: the response's text, finish reason, model, usage and original receipt,
 * and the question it answered (used only within its own scope).
 *
 * @param question the last user message that was answered
 * @param text the answer
 * @param finishReason the provider's finish reason
 * @param model the model that answered
 * @param responseId the provider's response id
 * @param promptTokens prompt tokens of the original call
 * @param completionTokens completion tokens of the original call
 * @param receipt the original routing receipt, when the answer came through the router
 * @param createdAt when it was stored
 */
public record CacheEntry(String question, String text, @Nullable String finishReason, @Nullable String model,
		@Nullable String responseId, long promptTokens, long completionTokens, @Nullable RoutingReceipt receipt,
		Instant createdAt) {

	/** A rough size in bytes, for the memory bound of in-memory stores. */
	public long estimatedBytes() {
		return 256L + 2L * (this.question.length() + this.text.length());
	}

}
