package dev.orchestration.receipt;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a routed response carries in its metadata: the route, every attempt with its outcome, the tokens and the
 * cost summed over attempts. Read it with {@link #from(ChatResponse)}.
 *
 * @param route the routing decision
 * @param tier the tier that answered, or {@code null} when nothing answered
 * @param member the member that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param attempts every attempt in order, skipped members included
 * @param promptTokens prompt tokens over all attempts
 * @param completionTokens completion tokens over all attempts
 * @param cost cost in USD over all attempts
 * @param streamed whether the response was streamed
 */
public record RoutingReceipt(Route route, @Nullable String tier, @Nullable String member, @Nullable String model,
		List<Attempt> attempts, long promptTokens, long completionTokens, double cost, boolean streamed) {

	/** The key under which the receipt is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.receipt";

	public RoutingReceipt {
		attempts = List.copyOf(attempts);
	}

	/** Whether a member answered. */
	public boolean succeeded() {
		return this.member != null;
	}

	/** How many times the request moved on from a called or skipped member to another one. */
	public int failovers() {
		return succeeded() ? this.attempts.size() - 1 : this.attempts.size();
	}

	/** The receipt of a response, if the response came through the router. */
	public static Optional<RoutingReceipt> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		Object value = response.getMetadata().get(METADATA_KEY);
		return (value instanceof RoutingReceipt receipt) ? Optional.of(receipt) : Optional.empty();
	}

	/** The receipt of a {@code ChatClient} response, if it came through the router. */
	public static Optional<RoutingReceipt> from(ChatClientResponse response) {
		return from(response.chatResponse());
	}

}
