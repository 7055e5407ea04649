package dev.orchestration.test.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request the simulator received, with credentials redacted.
 *
 * @param api the wire protocol it arrived on
 * @param model the request body's {@code model} field ("" when absent)
 * @param path the request path, e.g. {@code /v1/chat/completions}
 * @param query the raw query string (for example Azure's {@code api-version=...}), or
 * null
 * @param headers request headers with lower-case names; {@code authorization} and
 * {@code x-api-key} and {@code api-key} values are replaced by {@value #REDACTED}
 * @param body the raw request body
 * @param json the parsed body (a missing node when the body is not JSON)
 * @param stream whether the body asked for streaming ({@code "stream": true})
 * @param timestamp when the request arrived
 */
public record RecordedRequest(SimulatedApi api, String model, String path, @Nullable String query,
		Map<String, List<String>> headers, String body, JsonNode json, boolean stream, Instant timestamp) {

	/** The value that replaces credentials in {@link #headers()}. */
	public static final String REDACTED = "[REDACTED]";

	/**
	 * The first value of a header (case-insensitive name), or null.
	 * @param name the header name
	 * @return the value
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/**
	 * The text of the last user message that carries text (tool results are not user
	 * text); "" when none.
	 * @return the text
	 */
	public String lastUserMessage() {
		return MessageText.lastUserMessage(this.api, this.json);
	}

	/**
	 * The system prompt (OpenAI {@code system}/{@code developer} messages joined by
	 * newlines, Anthropic {@code system} field); "" when none.
	 * @return the system prompt
	 */
	public String systemPrompt() {
		return MessageText.systemPrompt(this.api, this.json);
	}

	/**
	 * Whether the conversation already contains a tool result (OpenAI {@code tool} role
	 * message, Anthropic {@code tool_result} block).
	 * @return true when a tool result is present
	 */
	public boolean hasToolResult() {
		return MessageText.lastToolResult(this.api, this.json) != null;
	}

	/**
	 * The content of the last tool result in the conversation, or null.
	 * @return the tool result text
	 */
	public @Nullable String lastToolResult() {
		return MessageText.lastToolResult(this.api, this.json);
	}

	/**
	 * Names of the tools the request offers (empty when none).
	 * @return the tool names
	 */
	public List<String> toolNames() {
		return MessageText.toolNames(this.api, this.json);
	}

	/**
	 * All input text the token estimate is computed from: system prompt, every message's
	 * text, tool calls and tool results.
	 * @return the text
	 */
	public String inputText() {
		return MessageText.inputText(this.api, this.json);
	}

	/**
	 * Estimated input tokens: {@link TokenEstimator#estimate(String)} of
	 * {@link #inputText()}.
	 * @return the estimate
	 */
	public int estimatedInputTokens() {
		return TokenEstimator.estimate(inputText());
	}

}
