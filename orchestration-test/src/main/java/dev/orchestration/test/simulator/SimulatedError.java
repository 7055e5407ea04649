package dev.orchestration.test.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP error the simulator answers with, rendered in each provider's real error body format.
 *
 * <p>OpenAI: {@code {"error":{"message","type","param","code"}}}; Anthropic:
 * {@code {"type":"error","error":{"type","message"},"request_id"}}. The status may differ per provider (e.g.
 * {@link #overloaded()} is 503 on OpenAI and 529 on Anthropic).
 */
public final class SimulatedError {

	private final int openAiStatus;

	private final int anthropicStatus;

	private final String openAiType;

	private final @Nullable String openAiCode;

	private final String anthropicType;

	private final String openAiMessage;

	private final String anthropicMessage;

	private final @Nullable Duration retryAfter;

	private SimulatedError(int openAiStatus, int anthropicStatus, String openAiType, @Nullable String openAiCode,
			String anthropicType, String openAiMessage, String anthropicMessage, @Nullable Duration retryAfter) {
		this.openAiStatus = openAiStatus;
		this.anthropicStatus = anthropicStatus;
		this.openAiType = openAiType;
		this.openAiCode = openAiCode;
		this.anthropicType = anthropicType;
		this.openAiMessage = openAiMessage;
		this.anthropicMessage = anthropicMessage;
		this.retryAfter = retryAfter;
	}

	/**
	 * An error with the given HTTP status on both APIs and the provider's usual error type for that status.
	 * @param status the HTTP status (400..599)
	 * @return the error
	 */
	public static SimulatedError status(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
		}
		return switch (status) {
			case 400 -> new SimulatedError(400, 400, "invalid_request_error", null, "invalid_request_error",
					"Invalid request (simulated)", "Invalid request (simulated)", null);
			case 401 -> unauthorized();
			case 403 -> forbidden();
			case 404 -> new SimulatedError(404, 404, "invalid_request_error", "not_found", "not_found_error",
					"Not found (simulated)", "Not found (simulated)", null);
			case 413 -> new SimulatedError(413, 413, "invalid_request_error", null, "request_too_large",
					"Request too large (simulated)", "Request too large (simulated)", null);
			case 429 -> new SimulatedError(429, 429, "requests", "rate_limit_exceeded", "rate_limit_error",
					"Rate limit reached (simulated)", "Rate limit reached (simulated)", null);
			case 500 -> serverError();
			case 503 -> new SimulatedError(503, 503, "server_error", null, "overloaded_error",
					"Service unavailable (simulated)", "Service unavailable (simulated)", null);
			case 529 -> new SimulatedError(529, 529, "server_error", null, "overloaded_error",
					"Overloaded (simulated)", "Overloaded (simulated)", null);
			default -> new SimulatedError(status, status, status >= 500 ? "server_error" : "invalid_request_error",
					null, status >= 500 ? "api_error" : "invalid_request_error",
					"Simulated HTTP " + status + " error", "Simulated HTTP " + status + " error", null);
		};
	}

	/**
	 * HTTP 500 ({@code server_error} / {@code api_error}).
	 * @return the error
	 */
	public static SimulatedError serverError() {
		return new SimulatedError(500, 500, "server_error", null, "api_error",
				"The server had an error while processing your request. Sorry about that! (simulated)", "The server had an error while processing your request. Sorry about that! (simulated)", null);
	}

	/**
	 * Overloaded: OpenAI HTTP 503, Anthropic HTTP 529 {@code overloaded_error}.
	 * @return the error
	 */
	public static SimulatedError overloaded() {
		return new SimulatedError(503, 529, "server_error", null, "overloaded_error",
				"The engine is currently overloaded, please try again later (simulated)", "The engine is currently overloaded, please try again later (simulated)", null);
	}

	/**
	 * HTTP 429 with a {@code Retry-After} header in whole seconds (rounded up) and OpenAI code
	 * {@code rate_limit_exceeded} / Anthropic type {@code rate_limit_error}.
	 * @param retryAfter the advertised wait, or null for no header
	 * @return the error
	 */
	public static SimulatedError rateLimited(@Nullable Duration retryAfter) {
		return new SimulatedError(429, 429, "requests", "rate_limit_exceeded", "rate_limit_error",
				"Rate limit reached for requests (simulated)", "Rate limit reached for requests (simulated)", retryAfter);
	}

	/**
	 * HTTP 400 context-length error: OpenAI code {@code context_length_exceeded}; Anthropic
	 * {@code invalid_request_error} whose message starts with "prompt is too long".
	 * @return the error
	 */
	public static SimulatedError contextLengthExceeded() {
		return contextLengthExceeded(-1, -1);
	}

	static SimulatedError contextLengthExceeded(int promptTokens, int window) {
		String openAi = "This model's maximum context length is " + (window < 0 ? "smaller than" : window)
				+ " tokens. However, your messages resulted in " + (promptTokens < 0 ? "more" : promptTokens)
				+ " tokens. Please reduce the length of the messages.";
		String anthropic = promptTokens < 0 ? "prompt is too long"
				: "prompt is too long: " + promptTokens + " tokens > " + window + " maximum";
		return new SimulatedError(400, 400, "invalid_request_error", "context_length_exceeded", "invalid_request_error",
				openAi, anthropic, null);
	}

	/**
	 * HTTP 400 content-policy error: OpenAI code {@code content_policy_violation}; Anthropic
	 * {@code invalid_request_error} "Output blocked by content filtering policy".
	 * @return the error
	 */
	public static SimulatedError contentPolicy() {
		return new SimulatedError(400, 400, "invalid_request_error", "content_policy_violation",
				"invalid_request_error",
				"Your request was rejected as a result of our safety system (simulated)",
				"Output blocked by content filtering policy (simulated)", null);
	}

	/**
	 * HTTP 401: OpenAI code {@code invalid_api_key}; Anthropic {@code authentication_error}.
	 * @return the error
	 */
	public static SimulatedError unauthorized() {
		return new SimulatedError(401, 401, "invalid_request_error", "invalid_api_key", "authentication_error",
				"Incorrect API key provided (simulated)", "invalid x-api-key (simulated)", null);
	}

	/**
	 * HTTP 403: OpenAI type {@code permission_error}; Anthropic {@code permission_error}.
	 * @return the error
	 */
	public static SimulatedError forbidden() {
		return new SimulatedError(403, 403, "permission_error", "insufficient_permissions", "permission_error",
				"Your API key does not have permission to use the specified resource (simulated)", "Your API key does not have permission to use the specified resource (simulated)", null);
	}

	/**
	 * A copy of this error with another message (used on both APIs).
	 * @param message the message
	 * @return the new error
	 */
	public SimulatedError withMessage(String message) {
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, Objects.requireNonNull(message), message, this.retryAfter);
	}

	/**
	 * A copy of this error that also sends {@code Retry-After}.
	 * @param retryAfter the advertised wait
	 * @return the new error
	 */
	public SimulatedError withRetryAfter(@Nullable Duration retryAfter) {
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, this.openAiMessage, this.anthropicMessage, retryAfter);
	}

	/**
	 * The HTTP status sent on the given API.
	 * @param api the API
	 * @return the status
	 */
	public int status(SimulatedApi api) {
		return api == SimulatedApi.ANTHROPIC ? this.anthropicStatus : this.openAiStatus;
	}

	/**
	 * The OpenAI {@code error.type}.
	 * @return the type
	 */
	public String openAiType() {
		return this.openAiType;
	}

	/**
	 * The OpenAI {@code error.code}, or null.
	 * @return the code
	 */
	public @Nullable String openAiCode() {
		return this.openAiCode;
	}

	/**
	 * The Anthropic {@code error.type}.
	 * @return the type
	 */
	public String anthropicType() {
		return this.anthropicType;
	}

	/**
	 * The message sent on the given API.
	 * @param api the API
	 * @return the message
	 */
	public String message(SimulatedApi api) {
		return api == SimulatedApi.ANTHROPIC ? this.anthropicMessage : this.openAiMessage;
	}

	/**
	 * The advertised wait sent as {@code Retry-After} (whole seconds, rounded up), or null.
	 * @return the wait
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The {@code Retry-After} header value in whole seconds (rounded up), or null when none is sent.
	 * @return the header value
	 */
	public @Nullable String retryAfterHeader() {
		if (this.retryAfter == null) {
			return null;
		}
		long millis = Math.max(0, this.retryAfter.toMillis());
		return Long.toString((millis + 999) / 1000);
	}

	@Override
	public String toString() {
		return "SimulatedError[openAi=" + this.openAiStatus + " " + this.openAiType + "/" + this.openAiCode
				+ ", anthropic=" + this.anthropicStatus + " " + this.anthropicType + "]";
	}

}
