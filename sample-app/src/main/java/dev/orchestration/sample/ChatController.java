package dev.orchestration.sample;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat}: answers a message through the router and returns the answer with
 * its receipt. Errors become HTTP statuses in {@link SampleErrorHandler}.
 */
@RestController
class ChatController {

	private final RoutingChatClient chatClient;

	private final int maxHintLength;

	ChatController(RoutingChatClient chatClient, SampleHttpProperties http) {
		this.chatClient = chatClient;
		this.maxHintLength = http.getMaxHintLength();
	}

	@PostMapping("/chat")
	ChatAnswer chat(@RequestBody ChatRequest request) {
		check(request);
		ChatResponse response = this.chatClient.prompt()
			.user(request.message())
			.options(RoutingChatOptions.builder().task(request.task()).tenant(request.tenant()).tier(request.tier()))
			.call()
			.chatResponse();
		String answer = (response != null && response.getResult() != null) ? response.getResult().getOutput().getText()
				: null;
		return new ChatAnswer(answer, RoutingReceipt.from(response).orElse(null), CacheHit.from(response).orElse(null),
				CascadeReceipt.from(response).orElse(null));
	}

	/**
	 * Refuses an empty message and oversize or control-character hints
	 * ({@link IllegalArgumentException}).
	 */
	void check(ChatRequest request) {
		if (request.message() == null || request.message().isBlank()) {
			throw new IllegalArgumentException("'message' must not be empty");
		}
		checkHint("task", request.task());
		checkHint("tenant", request.tenant());
		checkHint("tier", request.tier());
	}

	private void checkHint(String name, @Nullable String value) {
		if (value != null && value.length() > this.maxHintLength) {
			throw new IllegalArgumentException("'" + name + "' is longer than " + this.maxHintLength
					+ " characters (sample.http.max-hint-length)");
		}
		if (value != null && value.codePoints().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("'" + name + "' must not contain control characters");
		}
	}

	/** A chat request; task, tenant and tier are optional hints. */
	record ChatRequest(@Nullable String message, @Nullable String task, @Nullable String tenant,
			@Nullable String tier) {
	}

	/**
	 * The answer, how it was produced, whether it came from the cache, and for a task
	 * with a cascade policy ({@code support}, {@code sentiment}) what the verifiers said.
	 */
	record ChatAnswer(@Nullable String answer, @Nullable RoutingReceipt receipt, @Nullable CacheHit cache,
			@Nullable CascadeReceipt cascade) {
	}

}
