package dev.orchestration.sample;

import java.util.Map;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.routing.UnknownTierException;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat}: answers a message through the router and returns the answer with its receipt.
 */
@RestController
class ChatController {

	private final RoutingChatClient chatClient;

	ChatController(RoutingChatClient chatClient) {
		this.chatClient = chatClient;
	}

	@PostMapping("/chat")
	ChatAnswer chat(@RequestBody ChatRequest request) {
		if (request.message() == null || request.message().isBlank()) {
			throw new IllegalArgumentException("'message' must not be empty");
		}
		ChatResponse response = this.chatClient.prompt()
			.user(request.message())
			.options(RoutingChatOptions.builder().task(request.task()).tenant(request.tenant()).tier(request.tier()))
			.call()
			.chatResponse();
		String answer = (response != null && response.getResult() != null)
				? response.getResult().getOutput().getText() : null;
		return new ChatAnswer(answer, RoutingReceipt.from(response).orElse(null), CacheHit.from(response).orElse(null));
	}

	@ExceptionHandler(RoutingFailedException.class)
	ResponseEntity<Map<String, Object>> routingFailed(RoutingFailedException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", ex.getMessage(), "receipt", ex.getReceipt()));
	}

	@ExceptionHandler({ UnknownTierException.class, IllegalArgumentException.class })
	ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
	}

	/** A chat request; task, tenant and tier are optional hints. */
	record ChatRequest(@Nullable String message, @Nullable String task, @Nullable String tenant,
			@Nullable String tier) {
	}

	/** The answer, how it was produced, and whether it came from the cache. */
	record ChatAnswer(@Nullable String answer, @Nullable RoutingReceipt receipt, @Nullable CacheHit cache) {
	}

}
