package dev.orchestration.cache.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.orchestration.cache.CacheEntry;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.DefaultCacheKeyStrategy;
import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Converts between responses and {@link CacheEntry}s.
 */
final class CacheEntries {

	private CacheEntries() {
	}

	/** The last user message of a request, or {@code null} when it has none. */
	static @Nullable String question(ChatClientRequest request) {
		List<Message> messages = request.prompt().getInstructions();
		int last = DefaultCacheKeyStrategy.lastUserMessage(messages);
		return (last >= 0) ? messages.get(last).getText() : null;
	}

	static CacheEntry entry(String question, ChatResponse response, Instant now) {
		Generation result = response.getResult();
		Usage usage = response.getMetadata().getUsage();
		return new CacheEntry(question, (result != null) ? result.getOutput().getText() : "",
				(result != null) ? result.getMetadata().getFinishReason() : null, response.getMetadata().getModel(),
				response.getMetadata().getId(), tokens(usage.getPromptTokens()), tokens(usage.getCompletionTokens()),
				RoutingReceipt.from(response).orElse(null), now);
	}

	static ChatResponse response(CacheEntry entry, CacheHit hit) {
		Generation generation = new Generation(new AssistantMessage(entry.text()),
				ChatGenerationMetadata.builder().finishReason(entry.finishReason()).build());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.usage(new DefaultUsage((int) entry.promptTokens(), (int) entry.completionTokens()))
			.keyValue(CacheHit.METADATA_KEY, hit);
		if (entry.model() != null) {
			metadata.model(entry.model());
		}
		if (entry.responseId() != null) {
			metadata.id(entry.responseId());
		}
		if (entry.receipt() != null) {
			metadata.keyValue(RoutingReceipt.METADATA_KEY, entry.receipt().asCacheHit());
		}
		return new ChatResponse(List.of(generation), metadata.build());
	}

	static Duration age(CacheEntry entry, Instant now) {
		Duration age = Duration.between(entry.createdAt(), now);
		return age.isNegative() ? Duration.ZERO : age;
	}

	private static long tokens(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
