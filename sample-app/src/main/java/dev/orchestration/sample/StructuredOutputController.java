package dev.orchestration.sample;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ResponseEntity;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/capital}: structured output. The answer is converted to a
 * {@link Capital} with Spring AI's {@code responseEntity(Capital.class)} (the
 * {@code .entity(..)} that keeps the {@code ChatResponse}), and returned with the routing
 * receipt beside it.
 */
@RestController
class StructuredOutputController {

	private static final int MAX_COUNTRY_LENGTH = 60;

	private final RoutingChatClient chatClient;

	StructuredOutputController(RoutingChatClient chatClient) {
		this.chatClient = chatClient;
	}

	@PostMapping("/chat/capital")
	CapitalAnswer capital(@RequestBody CapitalRequest request) {
		String country = request.country();
		if (country == null || country.isBlank()) {
			throw new IllegalArgumentException("'country' must not be empty");
		}
		if (country.length() > MAX_COUNTRY_LENGTH || !country.matches("[\\p{L} .'-]+")) {
			throw new IllegalArgumentException(
					"'country' must be a country name: letters, spaces, '.', ''' or '-', at most " + MAX_COUNTRY_LENGTH
							+ " characters");
		}
		ResponseEntity<ChatResponse, Capital> answer = this.chatClient.prompt()
			.user("What is the capital of " + country.strip() + "?")
			.options(RoutingChatOptions.builder().task("extraction").tenant(request.tenant()))
			.call()
			.responseEntity(Capital.class);
		return new CapitalAnswer(answer.entity(), RoutingReceipt.from(answer.response()).orElse(null),
				CacheHit.from(answer.response()).orElse(null));
	}

	/** What to ask about; the tenant is optional. */
	record CapitalRequest(@Nullable String country, @Nullable String tenant) {
	}

	/** The structured answer: a country and its capital ({@code null} when unknown). */
	record Capital(String country, @Nullable String city) {
	}

	/** The entity, how it was produced, and whether it came from the cache. */
	record CapitalAnswer(@Nullable Capital capital, @Nullable RoutingReceipt receipt, @Nullable CacheHit cache) {
	}

}
