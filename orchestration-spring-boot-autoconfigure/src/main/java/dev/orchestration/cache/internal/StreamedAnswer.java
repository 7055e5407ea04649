package dev.orchestration.cache.internal;

import java.util.List;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Collects the chunks of a streamed answer into one response, so that a completed stream
 * can be stored.
 */
final class StreamedAnswer {

	private final StringBuilder text = new StringBuilder();

	private @Nullable String finishReason;

	private @Nullable String model;

	private @Nullable String id;

	private int promptTokens;

	private int completionTokens;

	private boolean toolCalls;

	private @Nullable RoutingReceipt receipt;

	synchronized void add(ChatClientResponse chunk) {
		ChatResponse response = chunk.chatResponse();
		if (response == null) {
			return;
		}
		for (Generation generation : response.getResults()) {
			String part = generation.getOutput().getText();
			if (part != null) {
				this.text.append(part);
			}
			String reason = generation.getMetadata().getFinishReason();
			if (reason != null && !reason.isBlank()) {
				this.finishReason = reason;
			}
			this.toolCalls |= generation.getOutput().hasToolCalls();
		}
		ChatResponseMetadata metadata = response.getMetadata();
		this.model = (metadata.getModel() != null && !metadata.getModel().isEmpty()) ? metadata.getModel() : this.model;
		this.id = (metadata.getId() != null && !metadata.getId().isEmpty()) ? metadata.getId() : this.id;
		Usage usage = metadata.getUsage();
		this.promptTokens = Math.max(this.promptTokens,
				(usage.getPromptTokens() != null) ? usage.getPromptTokens() : 0);
		this.completionTokens = Math.max(this.completionTokens,
				(usage.getCompletionTokens() != null) ? usage.getCompletionTokens() : 0);
		RoutingReceipt.from(response).ifPresent((r) -> this.receipt = r);
	}

	/** Whether any chunk asked for a tool call: such turns are never stored. */
	synchronized boolean hadToolCalls() {
		return this.toolCalls;
	}

	synchronized ChatResponse response() {
		AssistantMessage message = new AssistantMessage(this.text.toString());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.usage(new DefaultUsage(this.promptTokens, this.completionTokens));
		if (this.model != null) {
			metadata.model(this.model);
		}
		if (this.id != null) {
			metadata.id(this.id);
		}
		if (this.receipt != null) {
			metadata.keyValue(RoutingReceipt.METADATA_KEY, this.receipt);
		}
		return new ChatResponse(List
			.of(new Generation(message, ChatGenerationMetadata.builder().finishReason(this.finishReason).build())),
				metadata.build());
	}

}
