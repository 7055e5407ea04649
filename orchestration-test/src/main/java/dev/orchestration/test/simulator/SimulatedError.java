package dev.orchestration.test.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP error the simulator answers with, rendered in each provider's real error body
 * format.
 *
 * <p>
 * OpenAI: {@code {"error":{"message","type","param","code"}}}; Anthropic:
 * {@code {"type":"error","error":{"type","message"},"request_id"}}. The status may differ
 * per provider (e.g. {@link #overloaded()} is 503 on OpenAI and 529 on Anthropic).
 *
 * <p>
 * Real provider shapes beyond that (Azure OpenAI bodies without {@code type}, account
 * trouble, quota vs rate 429 with reset headers, each documented context-window and
 * content-policy message) are sent verbatim as the source named next to each factory
 * shows them; {@link #inStream(int)} sends any error as an SSE error event after HTTP 200
 * instead. {@link #shape(String)} names them for configuration (see docs/failures.md).
 */
public final class SimulatedError {

	private static final String AZURE_CONTENT_FILTER_MESSAGE = "The response was filtered due to the prompt "
			+ "triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn "
			+ "more about our content filtering policies please read our documentation: "
			+ "https://go.microsoft.com/fwlink/?linkid=2198766";

	private static final String ANTHROPIC_CONTENT_FILTER_MESSAGE = "Output blocked by content filtering policy";

	private static final Map<String, Supplier<SimulatedError>> SHAPES = shapes();

	private final int openAiStatus;

	private final int anthropicStatus;

	private final @Nullable String openAiType;

	private final @Nullable String openAiCode;

	private final String anthropicType;

	private final String openAiMessage;

	private final String anthropicMessage;

	private final @Nullable Duration retryAfter;

	private final @Nullable String openAiBody;

	private final @Nullable String anthropicBody;

	private final Map<String, String> openAiHeaders;

	private final Map<String, String> anthropicHeaders;

	private final @Nullable Duration rateLimitReset;

	private final int streamAfter;

	private SimulatedError(int openAiStatus, int anthropicStatus, @Nullable String openAiType,
			@Nullable String openAiCode, String anthropicType, String openAiMessage, String anthropicMessage,
			@Nullable Duration retryAfter) {
		this(openAiStatus, anthropicStatus, openAiType, openAiCode, anthropicType, openAiMessage, anthropicMessage,
				retryAfter, null, null, Map.of(), Map.of(), null, -1);
	}

	private SimulatedError(int openAiStatus, int anthropicStatus, @Nullable String openAiType,
			@Nullable String openAiCode, String anthropicType, String openAiMessage, String anthropicMessage,
			@Nullable Duration retryAfter, @Nullable String openAiBody, @Nullable String anthropicBody,
			Map<String, String> openAiHeaders, Map<String, String> anthropicHeaders, @Nullable Duration rateLimitReset,
			int streamAfter) {
		this.openAiStatus = openAiStatus;
		this.anthropicStatus = anthropicStatus;
		this.openAiType = openAiType;
		this.openAiCode = openAiCode;
		this.anthropicType = anthropicType;
		this.openAiMessage = openAiMessage;
		this.anthropicMessage = anthropicMessage;
		this.retryAfter = retryAfter;
		this.openAiBody = openAiBody;
		this.anthropicBody = anthropicBody;
		this.openAiHeaders = Map.copyOf(openAiHeaders);
		this.anthropicHeaders = Map.copyOf(anthropicHeaders);
		this.rateLimitReset = rateLimitReset;
		this.streamAfter = streamAfter;
	}

	/**
	 * An error with the given HTTP status on both APIs and the provider's usual error
	 * type for that status.
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
			case 529 -> new SimulatedError(529, 529, "server_error", null, "overloaded_error", "Overloaded (simulated)",
					"Overloaded (simulated)", null);
			default -> new SimulatedError(status, status, status >= 500 ? "server_error" : "invalid_request_error",
					null, status >= 500 ? "api_error" : "invalid_request_error", "Simulated HTTP " + status + " error",
					"Simulated HTTP " + status + " error", null);
		};
	}

	/**
	 * HTTP 500 ({@code server_error} / {@code api_error}).
	 * @return the error
	 */
	public static SimulatedError serverError() {
		return new SimulatedError(500, 500, "server_error", null, "api_error",
				"The server had an error while processing your request. Sorry about that! (simulated)",
				"The server had an error while processing your request. Sorry about that! (simulated)", null);
	}

	/**
	 * Overloaded: OpenAI HTTP 503, Anthropic HTTP 529 {@code overloaded_error}.
	 * @return the error
	 */
	public static SimulatedError overloaded() {
		return new SimulatedError(503, 529, "server_error", null, "overloaded_error",
				"The engine is currently overloaded, please try again later (simulated)",
				"The engine is currently overloaded, please try again later (simulated)", null);
	}

	/**
	 * HTTP 429 with a {@code Retry-After} header in whole seconds (rounded up) and OpenAI
	 * code {@code rate_limit_exceeded} / Anthropic type {@code rate_limit_error}.
	 * @param retryAfter the advertised wait, or null for no header
	 * @return the error
	 */
	public static SimulatedError rateLimited(@Nullable Duration retryAfter) {
		return new SimulatedError(429, 429, "requests", "rate_limit_exceeded", "rate_limit_error",
				"Rate limit reached for requests (simulated)", "Rate limit reached for requests (simulated)",
				retryAfter);
	}

	/**
	 * HTTP 400 context-length error: OpenAI code {@code context_length_exceeded};
	 * Anthropic {@code invalid_request_error} whose message starts with "prompt is too
	 * long".
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
	 * HTTP 400 content-policy error: OpenAI code {@code content_policy_violation};
	 * Anthropic {@code invalid_request_error} "Output blocked by content filtering
	 * policy".
	 * @return the error
	 */
	public static SimulatedError contentPolicy() {
		return new SimulatedError(400, 400, "invalid_request_error", "content_policy_violation",
				"invalid_request_error", "Your request was rejected as a result of our safety system (simulated)",
				"Output blocked by content filtering policy (simulated)", null);
	}

	/**
	 * HTTP 401: OpenAI code {@code invalid_api_key}; Anthropic
	 * {@code authentication_error}.
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
				"Your API key does not have permission to use the specified resource (simulated)",
				"Your API key does not have permission to use the specified resource (simulated)", null);
	}

	// --- Real provider shapes, sent verbatim (sources next to each; table in
	// docs/failures.md)

	/**
	 * Azure OpenAI content filter: HTTP 400, {@code "type": null},
	 * {@code "code": "content_filter"},
	 * {@code innererror.code: ResponsibleAIPolicyViolation} with a
	 * {@code content_filter_result} per category. On the Anthropic API: 400 "Output
	 * blocked by content filtering policy".
	 * <p>
	 * Source: Azure OpenAI content filtering docs; the body as recorded in Mirascope's
	 * {@code test_refusal/azure-openai_completions_gpt_4o_mini_snapshots.py} and read by
	 * the openai-cookbook's {@code examples/azure/chat} sample
	 * ({@code err["error"]["innererror"]["content_filter_result"]}).
	 * @return the error
	 */
	public static SimulatedError azureContentFilter() {
		String body = "{\"error\": {\"message\": \"" + AZURE_CONTENT_FILTER_MESSAGE + "\", "
				+ "\"type\": null, \"param\": \"prompt\", \"code\": \"content_filter\", \"status\": 400, "
				+ "\"innererror\": {\"code\": \"ResponsibleAIPolicyViolation\", \"content_filter_result\": {"
				+ "\"hate\": {\"filtered\": false, \"severity\": \"safe\"}, "
				+ "\"jailbreak\": {\"filtered\": false, \"detected\": false}, "
				+ "\"self_harm\": {\"filtered\": true, \"severity\": \"medium\"}, "
				+ "\"sexual\": {\"filtered\": false, \"severity\": \"safe\"}, "
				+ "\"violence\": {\"filtered\": false, \"severity\": \"safe\"}}}}}";
		return raw(400, 400, null, "content_filter", "invalid_request_error", AZURE_CONTENT_FILTER_MESSAGE,
				ANTHROPIC_CONTENT_FILTER_MESSAGE, body, null, Map.of(), Map.of());
	}

	/**
	 * Azure OpenAI refusal whose only content-policy mark is
	 * {@code innererror.code: ResponsibleAIPolicyViolation} under a generic code and
	 * message (and a {@code content_filter_results} jailbreak detection). On the
	 * Anthropic API: 400 "Output blocked by content filtering policy".
	 * <p>
	 * Source: Azure OpenAI REST API reference ({@code InnerError}, {@code InnerErrorCode:
	 * ResponsibleAIPolicyViolation}, {@code contentFilterResults}); the generic outer
	 * message as the issue reports it.
	 * @return the error
	 */
	public static SimulatedError azureResponsibleAiPolicyViolation() {
		String body = "{\"error\": {\"code\": \"BadRequest\", \"message\": \"Bad Request\", \"param\": null, "
				+ "\"type\": null, \"innererror\": {\"code\": \"ResponsibleAIPolicyViolation\", "
				+ "\"content_filter_results\": {\"jailbreak\": {\"filtered\": true, \"detected\": true}}}}}";
		return raw(400, 400, null, "BadRequest", "invalid_request_error", "Bad Request",
				ANTHROPIC_CONTENT_FILTER_MESSAGE, body, null, Map.of(), Map.of());
	}

	/**
	 * Azure OpenAI rate limit: HTTP 429, no {@code type}, {@code "code": "429"}, "Please
	 * retry after N seconds", with {@code retry-after} and {@code retry-after-ms}
	 * headers. On the Anthropic API: a 429 {@code rate_limit_error} with
	 * {@code retry-after}.
	 * <p>
	 * Source: Azure OpenAI quotas and limits docs ("Please retry after ... seconds",
	 * retry-after / retry-after-ms headers).
	 * @param retryAfter the advertised wait
	 * @return the error
	 */
	public static SimulatedError azureRateLimited(Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		String message = "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 "
				+ "have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after " + seconds
				+ " seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further "
				+ "increase the default rate limit.";
		String body = "{\"error\": {\"code\": \"429\", \"message\": \"" + message + "\"}}";
		return new SimulatedError(429, 429, null, "429", "rate_limit_error", message,
				"Number of request tokens has exceeded your per-minute rate limit", retryAfter, body, null,
				Map.of("retry-after-ms", Long.toString(retryAfter.toMillis()), "x-ratelimit-remaining-requests", "0",
						"x-ratelimit-remaining-tokens", "0"),
				Map.of(), null, -1);
	}

	/**
	 * Azure OpenAI wrong key: HTTP 401, {@code "code": "401"}, no {@code type}. On the
	 * Anthropic API: 401 {@code authentication_error}.
	 * <p>
	 * Source: Azure OpenAI troubleshooting / REST reference (401 "Access denied due to
	 * invalid subscription key or wrong API endpoint").
	 * @return the error
	 */
	public static SimulatedError azureUnauthorized() {
		String message = "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a "
				+ "valid key for an active subscription and use a correct regional API endpoint for your resource.";
		return raw(401, 401, null, "401", "authentication_error", message, "invalid x-api-key",
				"{\"error\": {\"code\": \"401\", \"message\": \"" + message + "\"}}", null, Map.of(), Map.of());
	}

	/**
	 * Azure OpenAI missing deployment: HTTP 404 {@code DeploymentNotFound}, no
	 * {@code type}. On the Anthropic API: 404 {@code not_found_error}.
	 * <p>
	 * Source: Azure OpenAI troubleshooting ("The API deployment for this resource does
	 * not exist").
	 * @return the error
	 */
	public static SimulatedError azureDeploymentNotFound() {
		String message = "The API deployment for this resource does not exist. If you created the deployment within "
				+ "the last 5 minutes, please wait a moment and try again.";
		return raw(404, 404, null, "DeploymentNotFound", "not_found_error", message, "model: not found",
				"{\"error\": {\"code\": \"DeploymentNotFound\", \"message\": \"" + message + "\"}}", null, Map.of(),
				Map.of());
	}

	/**
	 * The context-window variants without {@code context_length_exceeded}: OpenAI 400
	 * "Input tokens exceed the configured limit of 272000 tokens ..." with
	 * {@code "code": null}; Anthropic 400 "input length and {@code max_tokens} exceed
	 * context limit: ...".
	 * <p>
	 * Source: OpenAI GPT-5 family wording as matched by gateways' overflow tests (e.g. a
	 * Go gateway's test asserting {@code error.message} contains "Input tokens exceed the
	 * configured limit"); Anthropic wording as reported in stackblitz/bolt.new issue
	 * #7422.
	 * @return the error
	 */
	public static SimulatedError contextLimitVariant() {
		return new SimulatedError(400, 400, "invalid_request_error", null, "invalid_request_error",
				"Input tokens exceed the configured limit of 272000 tokens. Your messages resulted in 305127 tokens. "
						+ "Please reduce the length of the messages.",
				"input length and `max_tokens` exceed context limit: 197626 + 21333 > 200000, decrease input length "
						+ "or `max_tokens` and try again",
				null);
	}

	/**
	 * OpenAI reasoning models' refusal: 400 {@code invalid_prompt} "... flagged as
	 * potentially violating our usage policy". On the Anthropic API: 400 "Output blocked
	 * by content filtering policy".
	 * <p>
	 * Source: openai/codex issues (#7250, #38849) and MDX-Tom/gpt-instruct issue #56
	 * (full body).
	 * @return the error
	 */
	public static SimulatedError invalidPrompt() {
		return new SimulatedError(400, 400, "invalid_request_error", "invalid_prompt", "invalid_request_error",
				"Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again "
						+ "with a different prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting",
				ANTHROPIC_CONTENT_FILTER_MESSAGE, null);
	}

	/**
	 * Quota exhausted: OpenAI 429 {@code insufficient_quota} (no Retry-After); Anthropic
	 * 400 "Your credit balance is too low to access the Anthropic API".
	 * <p>
	 * Source: OpenAI error codes guide ("You exceeded your current quota"); Anthropic
	 * body as reported in anthropics/claude-code issues #4684 and #66314.
	 * @return the error
	 */
	public static SimulatedError insufficientQuota() {
		return new SimulatedError(429, 400, "insufficient_quota", "insufficient_quota", "invalid_request_error",
				"You exceeded your current quota, please check your plan and billing details. For more information on "
						+ "this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
				"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade "
						+ "or purchase credits.",
				null);
	}

	/**
	 * Usage limits reached: Anthropic 400 "You have reached your specified API usage
	 * limits"; OpenAI 429 {@code insufficient_quota}.
	 * <p>
	 * Source: Anthropic body as reported in anthropics/claude-code issue #38035 and
	 * continuedev/continue issue #11934.
	 * @return the error
	 */
	public static SimulatedError usageLimitsReached() {
		return new SimulatedError(429, 400, "insufficient_quota", "insufficient_quota", "invalid_request_error",
				"You exceeded your current quota, please check your plan and billing details.",
				"You have reached your specified API usage limits. You will regain access on 2026-04-01 at 00:00 UTC.",
				null);
	}

	/**
	 * Billing problem: Anthropic HTTP 402 {@code billing_error}; OpenAI 429
	 * {@code insufficient_quota}.
	 * <p>
	 * Source: Anthropic errors docs ("402 - billing_error: There's an issue with your
	 * billing or payment information").
	 * @return the error
	 */
	public static SimulatedError billingError() {
		return new SimulatedError(429, 402, "insufficient_quota", "insufficient_quota", "billing_error",
				"You exceeded your current quota, please check your plan and billing details.",
				"There's an issue with your billing or payment information.", null);
	}

	/**
	 * A rate limit that gives its wait only in reset headers (no Retry-After): OpenAI 429
	 * {@code tokens} / {@code rate_limit_exceeded}; Anthropic 429
	 * {@code rate_limit_error}. See {@link #withResetHeaders}.
	 * <p>
	 * Source: OpenAI rate limits guide (message and {@code x-ratelimit-*} headers);
	 * Anthropic rate limits docs ({@code anthropic-ratelimit-*-reset}).
	 * @param reset when the exhausted token limit resets
	 * @return the error
	 */
	public static SimulatedError rateLimitedWithResetHeaders(Duration reset) {
		return new SimulatedError(429, 429, "tokens", "rate_limit_exceeded", "rate_limit_error",
				"Rate limit reached for gpt-4o in organization org-simulator on tokens per min (TPM): Limit 30000, "
						+ "Used 30000, Requested 900. Visit https://platform.openai.com/account/rate-limits to learn more.",
				"Number of request tokens has exceeded your per-minute rate limit", null)
			.withResetHeaders(reset);
	}

	private static Map<String, Supplier<SimulatedError>> shapes() {
		Map<String, Supplier<SimulatedError>> shapes = new LinkedHashMap<>();
		shapes.put("azure-content-filter", SimulatedError::azureContentFilter);
		shapes.put("azure-responsible-ai", SimulatedError::azureResponsibleAiPolicyViolation);
		shapes.put("azure-rate-limit", () -> azureRateLimited(Duration.ofSeconds(6)));
		shapes.put("azure-unauthorized", SimulatedError::azureUnauthorized);
		shapes.put("azure-deployment-not-found", SimulatedError::azureDeploymentNotFound);
		shapes.put("stream-overloaded", () -> overloaded().inStream(0));
		shapes.put("stream-overloaded-after-tokens", () -> overloaded().inStream(2));
		shapes.put("stream-api-error", () -> serverError().inStream(0));
		shapes.put("stream-rate-limit", () -> rateLimited(null).inStream(0));
		shapes.put("context-length", SimulatedError::contextLengthExceeded);
		shapes.put("context-limit-variant", SimulatedError::contextLimitVariant);
		shapes.put("content-policy", SimulatedError::contentPolicy);
		shapes.put("invalid-prompt", SimulatedError::invalidPrompt);
		shapes.put("insufficient-quota", SimulatedError::insufficientQuota);
		shapes.put("usage-limits", SimulatedError::usageLimitsReached);
		shapes.put("billing", SimulatedError::billingError);
		shapes.put("rate-limit-reset-headers", () -> rateLimitedWithResetHeaders(Duration.ofMinutes(6)));
		return shapes;
	}

	/**
	 * A real provider shape by name, for configuration
	 * ({@code --sample.simulator.models.<m>.error-shape=...}).
	 * @param name one of {@link #shapeNames()}, case-insensitive
	 * @return the error
	 * @throws IllegalArgumentException naming the known shapes when the name is unknown
	 */
	public static SimulatedError shape(String name) {
		Supplier<SimulatedError> shape = SHAPES.get(name.trim().toLowerCase(Locale.ROOT));
		if (shape == null) {
			throw new IllegalArgumentException("unknown error shape '" + name + "'; known: " + shapeNames());
		}
		return shape.get();
	}

	/**
	 * The names {@link #shape(String)} knows.
	 * @return the names
	 */
	public static List<String> shapeNames() {
		return List.copyOf(SHAPES.keySet());
	}

	private static SimulatedError raw(int openAiStatus, int anthropicStatus, @Nullable String openAiType,
			@Nullable String openAiCode, String anthropicType, String openAiMessage, String anthropicMessage,
			@Nullable String openAiBody, @Nullable String anthropicBody, Map<String, String> openAiHeaders,
			Map<String, String> anthropicHeaders) {
		return new SimulatedError(openAiStatus, anthropicStatus, openAiType, openAiCode, anthropicType, openAiMessage,
				anthropicMessage, null, openAiBody, anthropicBody, openAiHeaders, anthropicHeaders, null, -1);
	}

	/**
	 * A copy of this error with another message (used on both APIs).
	 * @param message the message
	 * @return the new error
	 */
	public SimulatedError withMessage(String message) {
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, Objects.requireNonNull(message), message, this.retryAfter, null, null,
				this.openAiHeaders, this.anthropicHeaders, this.rateLimitReset, this.streamAfter);
	}

	/**
	 * A copy of this error that also sends {@code Retry-After}.
	 * @param retryAfter the advertised wait
	 * @return the new error
	 */
	public SimulatedError withRetryAfter(@Nullable Duration retryAfter) {
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, this.openAiMessage, this.anthropicMessage, retryAfter, this.openAiBody,
				this.anthropicBody, this.openAiHeaders, this.anthropicHeaders, this.rateLimitReset, this.streamAfter);
	}

	/**
	 * A copy of this error sent inside a stream: a streamed request gets HTTP 200,
	 * {@code contentChunks} content chunks, then the error as an SSE event (OpenAI
	 * {@code data: {"error": {...}}}, Anthropic {@code event: error}) and the end of the
	 * stream. A request that does not stream gets the HTTP error as before.
	 * <p>
	 * Source: Anthropic streaming docs ("Error events": {@code overloaded_error} after
	 * HTTP 200); OpenAI {@code data: {"error": ...}} chunks as recorded in go-openai
	 * issue #69 / PR #396 and handled by openai-java's {@code SseHandler}.
	 * @param contentChunks content chunks sent before the error (0: before any token)
	 * @return the new error
	 */
	public SimulatedError inStream(int contentChunks) {
		if (contentChunks < 0) {
			throw new IllegalArgumentException("contentChunks must be >= 0");
		}
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, this.openAiMessage, this.anthropicMessage, this.retryAfter, this.openAiBody,
				this.anthropicBody, this.openAiHeaders, this.anthropicHeaders, this.rateLimitReset, contentChunks);
	}

	/**
	 * A copy of this error sent with reset headers instead of {@code Retry-After}: OpenAI
	 * {@code x-ratelimit-limit/remaining/reset-requests|tokens} (requests left, tokens
	 * exhausted, token reset as a duration such as {@code 6m0s}); Anthropic
	 * {@code anthropic-ratelimit-requests|tokens|input-tokens-*} (input and total tokens
	 * exhausted, reset as an RFC 3339 time this long after the response is sent).
	 * <p>
	 * Source: OpenAI rate limits guide ("Rate limits in headers"); Anthropic rate limits
	 * docs ("Response headers").
	 * @param reset when the exhausted token limit resets
	 * @return the new error
	 */
	public SimulatedError withResetHeaders(Duration reset) {
		return new SimulatedError(this.openAiStatus, this.anthropicStatus, this.openAiType, this.openAiCode,
				this.anthropicType, this.openAiMessage, this.anthropicMessage, null, this.openAiBody,
				this.anthropicBody, this.openAiHeaders, this.anthropicHeaders, Objects.requireNonNull(reset),
				this.streamAfter);
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
	 * The OpenAI {@code error.type} (null for Azure OpenAI shapes, which send none).
	 * @return the type
	 */
	public @Nullable String openAiType() {
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
	 * The advertised wait sent as {@code Retry-After} (whole seconds, rounded up), or
	 * null.
	 * @return the wait
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The {@code Retry-After} header value in whole seconds (rounded up), or null when
	 * none is sent.
	 * @return the header value
	 */
	public @Nullable String retryAfterHeader() {
		if (this.retryAfter == null) {
			return null;
		}
		long millis = Math.max(0, this.retryAfter.toMillis());
		return Long.toString((millis + 999) / 1000);
	}

	/**
	 * The error body sent verbatim on the given API, or null when the simulator renders
	 * the provider's usual body.
	 * @param api the API
	 * @return the raw JSON body
	 */
	public @Nullable String rawBody(SimulatedApi api) {
		return api == SimulatedApi.ANTHROPIC ? this.anthropicBody : this.openAiBody;
	}

	/**
	 * Extra response headers sent on the given API (besides {@code Retry-After} and reset
	 * headers).
	 * @param api the API
	 * @return the headers
	 */
	public Map<String, String> headers(SimulatedApi api) {
		return api == SimulatedApi.ANTHROPIC ? this.anthropicHeaders : this.openAiHeaders;
	}

	/**
	 * When the exhausted limit resets, for errors sent with reset headers
	 * ({@link #withResetHeaders}), or null.
	 * @return the reset
	 */
	public @Nullable Duration rateLimitReset() {
		return this.rateLimitReset;
	}

	/**
	 * Content chunks sent before the error on a streamed request
	 * ({@link #inStream(int)}), or -1 for an HTTP error.
	 * @return the chunk count or -1
	 */
	public int streamAfter() {
		return this.streamAfter;
	}

	@Override
	public String toString() {
		return "SimulatedError[openAi=" + this.openAiStatus + " " + this.openAiType + "/" + this.openAiCode
				+ ", anthropic=" + this.anthropicStatus + " " + this.anthropicType
				+ ((this.streamAfter >= 0) ? ", in stream after " + this.streamAfter + " chunks" : "") + "]";
	}

}
