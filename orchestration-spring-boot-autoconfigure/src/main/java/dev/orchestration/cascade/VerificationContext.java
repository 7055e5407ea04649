package dev.orchestration.cascade;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientAttributes;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The answer under verification, the request it answers and the policy of its task.
 *
 * @param request the request as the cascade received it
 * @param response the answer
 * @param policy the cascade policy of the request's task
 */
public record VerificationContext(ChatClientRequest request, ChatResponse response, CascadePolicy policy) {

	/** The answer's text ("" when there is none). */
	public String answer() {
		if (this.response.getResult() == null || this.response.getResult().getOutput().getText() == null) {
			return "";
		}
		return this.response.getResult().getOutput().getText();
	}

	/** The last user message. */
	public String question() {
		return this.request.prompt().getUserMessage().getText();
	}

	public Prompt prompt() {
		return this.request.prompt();
	}

	/** The tier that answered, when the answer came through the router. */
	public @Nullable String tier() {
		return RoutingReceipt.from(this.response).map(RoutingReceipt::tier).orElse(null);
	}

	/**
	 * The JSON schema of the structured output requested with {@code .entity(..)}, if
	 * any.
	 */
	public @Nullable String outputSchema() {
		Object schema = this.request.context().get(ChatClientAttributes.STRUCTURED_OUTPUT_SCHEMA.getKey());
		return (schema != null) ? schema.toString() : null;
	}

}
