package dev.orchestration.routing;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * What one member's stream has produced so far: tokens reported, text length, whether a
 * finish reason arrived and whether anything reached the caller.
 */
final class StreamProgress {

	private long promptTokens;

	private long completionTokens;

	private long characters;

	private boolean finished;

	private volatile boolean emitted;

	void observe(ChatResponse chunk) {
		Usage usage = chunk.getMetadata().getUsage();
		this.promptTokens = Math.max(this.promptTokens, MemberInvoker.tokens(usage.getPromptTokens()));
		this.completionTokens = Math.max(this.completionTokens, MemberInvoker.tokens(usage.getCompletionTokens()));
		for (Generation generation : chunk.getResults()) {
			String text = generation.getOutput().getText();
			this.characters += (text != null) ? text.length() : 0;
			String reason = generation.getMetadata().getFinishReason();
			this.finished |= (reason != null && !reason.isBlank());
		}
	}

	/**
	 * Marks that the caller received content: text or a tool call (an empty chunk does
	 * not count).
	 */
	void markEmittedIfContent(ChatResponse chunk) {
		for (Generation generation : chunk.getResults()) {
			String text = generation.getOutput().getText();
			if ((text != null && !text.isEmpty()) || generation.getOutput().hasToolCalls()) {
				this.emitted = true;
				return;
			}
		}
	}

	boolean emitted() {
		return this.emitted;
	}

	boolean finished() {
		return this.finished;
	}

	/**
	 * Reported prompt tokens, or the router's estimate when the provider reported none.
	 */
	long promptTokens(RouteRequest request) {
		return (this.promptTokens > 0) ? this.promptTokens : request.estimatedInputTokens();
	}

	/**
	 * Reported completion tokens, or an estimate from the streamed text when the provider
	 * reported none.
	 */
	long completionTokens() {
		return (this.completionTokens > 0) ? this.completionTokens : RouteRequest.estimateTokens(this.characters);
	}

}
