package dev.orchestration.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.orchestration.resilience.ProviderExceptions.anthropic;
import static dev.orchestration.resilience.ProviderExceptions.anthropicStreamError;
import static dev.orchestration.resilience.ProviderExceptions.openAi;
import static dev.orchestration.resilience.ProviderExceptions.openAiStreamError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per documented error shape of OpenAI, Azure OpenAI and Anthropic, each built
 * as the provider's SDK builds its exception from the status, headers and body. The
 * source of each body is named next to it (see also docs/failures.md).
 */
class ProviderErrorShapeClassificationTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier(
			List.of(new OpenAiErrorExtractor(), new AnthropicErrorExtractor()), Clock.fixed(NOW, ZoneOffset.UTC));

	// --- Azure OpenAI

	@Test
	void azureContentFilterWithNullTypeGoesToTheContentPolicyTier() {
		// Azure OpenAI content filtering docs; body as recorded in Mirascope's
		// azure-openai refusal snapshot
		String body = """
				{"error": {"message": "The response was filtered due to the prompt triggering Azure OpenAI's content \
				management policy. Please modify your prompt and retry. To learn more about our content filtering \
				policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
				"type": null, "param": "prompt", "code": "content_filter", "status": 400,
				"innererror": {"code": "ResponsibleAIPolicyViolation", "content_filter_result": {
				"hate": {"filtered": false, "severity": "safe"}, "jailbreak": {"filtered": false, "detected": false},
				"self_harm": {"filtered": true, "severity": "medium"}, "sexual": {"filtered": false, "severity": "safe"},
				"violence": {"filtered": false, "severity": "safe"}}}}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTENT_POLICY);
	}

	@Test
	void azureResponsibleAiInnerErrorUnderAGenericMessageIsContentPolicy() {
		// Azure OpenAI REST reference: InnerError.code "ResponsibleAIPolicyViolation"
		// beside a generic code/message
		String body = """
				{"error": {"code": "BadRequest", "message": "The request was rejected.",
				"innererror": {"code": "ResponsibleAIPolicyViolation"}}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTENT_POLICY);
	}

	@Test
	void azureRateLimitWithoutTypeKeepsItsRetryAfter() {
		// Azure OpenAI quotas docs ("Please retry after N seconds"), code as a string, no
		// type
		String body = """
				{"error": {"code": "429", "message": "Requests to the ChatCompletions_Create Operation under Azure \
				OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. \
				Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to \
				further increase the default rate limit."}}""";
		FailureClassification failure = this.classifier
			.classify(openAi(429, body, Map.of("retry-after", "6", "retry-after-ms", "5800")));
		assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(5800));
	}

	@Test
	void azureRateLimitMessageAloneGivesTheWait() {
		String body = """
				{"error": {"code": "RateLimitReached", "message": "Your requests to gpt-4.1 for gpt-4.1 in East US 2 \
				have exceeded the token rate limit for your current AIServices S0 pricing tier. Please retry after \
				24 seconds."}}""";
		assertThat(this.classifier.classify(openAi(429, body, Map.of())).retryAfter())
			.isEqualTo(Duration.ofSeconds(24));
	}

	@Test
	void azureWrongKeyMarksTheMemberUnhealthy() {
		// Azure OpenAI troubleshooting: 401 with code "401" and no type
		String body = """
				{"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API \
				endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API \
				endpoint for your resource."}}""";
		assertThat(kind(openAi(401, body, Map.of()))).isEqualTo(FailureKind.AUTH);
	}

	@Test
	void azureMissingDeploymentMarksTheMemberUnhealthy() {
		// Azure OpenAI troubleshooting: 404 DeploymentNotFound
		String body = """
				{"error": {"code": "DeploymentNotFound", "message": "The API deployment for this resource does not \
				exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""";
		assertThat(kind(openAi(404, body, Map.of()))).isEqualTo(FailureKind.AUTH);
	}

	@Test
	void azureServerErrorWithNumericCodeIsTransient() {
		// code as a number: openai-java's code() would throw; the raw body reads it
		assertThat(kind(openAi(500, "{\"error\": {\"code\": 500, \"message\": \"Internal server error\"}}", Map.of())))
			.isEqualTo(FailureKind.TRANSIENT);
	}

	// --- OpenAI

	@Test
	void openAiContextLengthExceededGoesToTheLongContextTier() {
		// OpenAI error codes guide / openai-python tests
		String body = """
				{"error": {"message": "This model's maximum context length is 8192 tokens. However, your messages \
				resulted in 9000 tokens. Please reduce the length of the messages.", "type": "invalid_request_error",
				"param": "messages", "code": "context_length_exceeded"}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTEXT_LENGTH);
	}

	@Test
	void openAiInputTokensExceedTheConfiguredLimitWithoutCodeGoesToTheLongContextTier() {
		// GPT-5 family wording, as matched by gateways' overflow tests (e.g. "Input
		// tokens exceed the configured
		// limit of 272000 tokens" in LLM provider-issue classifiers)
		String body = """
				{"error": {"message": "Input tokens exceed the configured limit of 272000 tokens. Your messages \
				resulted in 305127 tokens. Please reduce the length of the messages.", "type": "invalid_request_error",
				"param": "messages", "code": null}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTEXT_LENGTH);
	}

	@Test
	void openAiInvalidPromptIsContentPolicy() {
		// reasoning models' refusal, as reported in openai/codex issues
		String body = """
				{"error": {"type": "invalid_request_error", "code": "invalid_prompt", "message": "Invalid prompt: your \
				prompt was flagged as potentially violating our usage policy. Please try again with a different \
				prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting", "param": null}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTENT_POLICY);
	}

	@Test
	void openAiContentPolicyViolationIsContentPolicy() {
		// OpenAI images API / openai-python: code content_policy_violation
		String body = """
				{"error": {"code": "content_policy_violation", "message": "Your request was rejected as a result of \
				our safety system.", "param": null, "type": "invalid_request_error"}}""";
		assertThat(kind(openAi(400, body, Map.of()))).isEqualTo(FailureKind.CONTENT_POLICY);
	}

	@Test
	void openAiInsufficientQuotaIsAccountTroubleNotARateLimit() {
		// OpenAI error codes guide: 429 "You exceeded your current quota"
		String body = """
				{"error": {"message": "You exceeded your current quota, please check your plan and billing details. \
				For more information on this error, read the docs: \
				https://platform.openai.com/docs/guides/error-codes/api-errors.", "type": "insufficient_quota",
				"param": null, "code": "insufficient_quota"}}""";
		FailureClassification failure = this.classifier.classify(openAi(429, body, Map.of()));
		assertThat(failure.kind()).isEqualTo(FailureKind.ACCOUNT);
		assertThat(failure.retryAfter()).isNull();
	}

	@Test
	void openAiRateLimitWithOnlyResetHeadersWaitsForTheExhaustedLimit() {
		// OpenAI rate limits guide: x-ratelimit-* headers; reset as Go durations
		String body = """
				{"error": {"message": "Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): \
				Limit 30000, Used 29800, Requested 900.", "type": "tokens", "param": null,
				"code": "rate_limit_exceeded"}}""";
		FailureClassification failure = this.classifier
			.classify(openAi(429, body, Map.of("x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests",
					"1s", "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s")));
		assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void openAiResetDurationsParseAsGoDurations() {
		assertThat(RetryAfterHeaders.reset("20ms", NOW)).isEqualTo(Duration.ofMillis(20));
		assertThat(RetryAfterHeaders.reset("1s", NOW)).isEqualTo(Duration.ofSeconds(1));
		assertThat(RetryAfterHeaders.reset("6m0s", NOW)).isEqualTo(Duration.ofMinutes(6));
		assertThat(RetryAfterHeaders.reset("1h2m3.5s", NOW)).isEqualTo(Duration.ofMillis(3_723_500));
		assertThat(RetryAfterHeaders.reset("2026-12-01T12:00:30Z", NOW)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfterHeaders.reset("soon", NOW)).isNull();
	}

	@Test
	void openAiRateLimitWithoutRemainingHeadersTakesTheLongestReset() {
		String body = "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\", \"code\": "
				+ "\"rate_limit_exceeded\"}}";
		assertThat(this.classifier
			.classify(openAi(429, body, Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "2s")))
			.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void openAiRetryAfterWinsOverResetHeaders() {
		String body = "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}";
		assertThat(this.classifier
			.classify(openAi(429, body, Map.of("retry-after", "3", "x-ratelimit-reset-tokens", "6m0s")))
			.retryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void openAiServerErrorInsideAStreamIsTransient() {
		// go-openai issue #69 / PR #396: data: {"error": ...} in a 200 stream
		String data = """
				{"error": {"message": "The server had an error processing your request. Sorry about that! You can \
				retry your request, or contact us through our help center at help.openai.com if you keep seeing this \
				error.", "type": "server_error", "param": null, "code": null}}""";
		FailureClassification failure = this.classifier.classify(openAiStreamError(data));
		assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
		assertThat(failure.statusCode()).isEqualTo(200);
	}

	@Test
	void openAiRateLimitInsideAStreamIsRateLimited() {
		String data = "{\"error\": {\"message\": \"Rate limit reached for requests\", \"type\": \"requests\", "
				+ "\"param\": null, \"code\": \"rate_limit_exceeded\"}}";
		assertThat(kind(openAiStreamError(data))).isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void azureContentFilterInsideAStreamIsContentPolicy() {
		String data = "{\"error\": {\"code\": \"content_filter\", \"message\": \"The response was filtered\", "
				+ "\"innererror\": {\"code\": \"ResponsibleAIPolicyViolation\"}}}";
		assertThat(kind(openAiStreamError(data))).isEqualTo(FailureKind.CONTENT_POLICY);
	}

	// --- Anthropic

	@Test
	void anthropicOverloadedIsTransient() {
		// Anthropic errors docs: 529 overloaded_error
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}";
		assertThat(kind(anthropic(529, body, Map.of()))).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void anthropicOverloadedEventInsideAStreamIsTransient() {
		// Anthropic streaming docs: "event: error" with overloaded_error after HTTP 200
		String data = "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}";
		FailureClassification failure = this.classifier.classify(anthropicStreamError(data));
		assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
		assertThat(failure.statusCode()).isEqualTo(200);
	}

	@Test
	void anthropicApiErrorEventInsideAStreamIsTransient() {
		String data = "{\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"Internal server "
				+ "error\"}}";
		assertThat(kind(anthropicStreamError(data))).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void anthropicRateLimitEventInsideAStreamIsRateLimited() {
		String data = "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"Number of "
				+ "request tokens has exceeded your per-minute rate limit\"}}";
		assertThat(kind(anthropicStreamError(data))).isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void anthropicInvalidRequestEventInsideAStreamIsFatal() {
		String data = "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\": "
				+ "\"messages: roles must alternate\"}}";
		assertThat(kind(anthropicStreamError(data))).isEqualTo(FailureKind.FATAL);
	}

	@Test
	void anthropicPromptTooLongGoesToTheLongContextTier() {
		// Anthropic errors docs / anthropic-sdk-python tests
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\": "
				+ "\"prompt is too long: 208310 tokens > 200000 maximum\"}, \"request_id\": \"req_011\"}";
		assertThat(kind(anthropic(400, body, Map.of()))).isEqualTo(FailureKind.CONTEXT_LENGTH);
	}

	@Test
	void anthropicInputPlusMaxTokensBeyondTheWindowGoesToTheLongContextTier() {
		// as reported in stackblitz/bolt.new issue #7422
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\": \"input "
				+ "length and `max_tokens` exceed context limit: 197626 + 21333 > 200000, decrease input length or "
				+ "`max_tokens` and try again\"}}";
		assertThat(kind(anthropic(400, body, Map.of()))).isEqualTo(FailureKind.CONTEXT_LENGTH);
	}

	@Test
	void anthropicCreditBalanceTooLowIsAccountTrouble() {
		// as reported in anthropics/claude-code issues (#4684, #66314): 400
		// invalid_request_error
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\": \"Your "
				+ "credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or "
				+ "purchase credits.\"}, \"request_id\": \"req_011CbrFTcXhtiMzr3s6EocF7\"}";
		assertThat(kind(anthropic(400, body, Map.of()))).isEqualTo(FailureKind.ACCOUNT);
	}

	@Test
	void anthropicUsageLimitsReachedIsAccountTrouble() {
		// as reported in anthropics/claude-code issue #38035: 400 invalid_request_error
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\": \"You "
				+ "have reached your specified API usage limits. You will regain access on 2026-04-01 at 00:00 "
				+ "UTC.\"}}";
		assertThat(kind(anthropic(400, body, Map.of()))).isEqualTo(FailureKind.ACCOUNT);
	}

	@Test
	void anthropicBillingErrorIsAccountTrouble() {
		// Anthropic errors docs: 402 billing_error
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"billing_error\", \"message\": \"There is an "
				+ "issue with your billing or payment information.\"}}";
		assertThat(kind(anthropic(402, body, Map.of()))).isEqualTo(FailureKind.ACCOUNT);
	}

	@Test
	void anthropicSpendLimit429IsAccountTroubleNotARateLimit() {
		// Anthropic rate-limits docs (spend limits): 429 rate_limit_error with
		// details.error_code
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"You have "
				+ "reached your monthly spend limit.\", \"details\": {\"error_code\": \"enforced_spend_limit_reached\"}}}";
		assertThat(kind(anthropic(429, body, Map.of()))).isEqualTo(FailureKind.ACCOUNT);
	}

	@Test
	void anthropicRateLimitWithOnlyResetHeadersWaitsForTheExhaustedLimit() {
		// Anthropic rate-limits docs: anthropic-ratelimit-*-reset in RFC 3339
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"Number of "
				+ "request tokens has exceeded your per-minute rate limit\"}}";
		FailureClassification failure = this.classifier.classify(anthropic(429, body,
				Map.of("anthropic-ratelimit-requests-remaining", "10", "anthropic-ratelimit-requests-reset",
						"2026-12-01T12:00:02Z", "anthropic-ratelimit-input-tokens-remaining", "0",
						"anthropic-ratelimit-input-tokens-reset", "2026-12-01T12:00:45Z",
						"anthropic-ratelimit-output-tokens-remaining", "0", "anthropic-ratelimit-output-tokens-reset",
						"2026-12-01T12:00:20Z")));
		assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void anthropicRetryAfterAsAnHttpDateIsMeasuredAgainstTheClock() {
		String body = "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"slow down\"}}";
		assertThat(
				this.classifier.classify(anthropic(429, body, Map.of("retry-after", "Tue, 01 Dec 2026 12:01:00 GMT")))
					.retryAfter())
			.isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void anthropicAuthenticationAndNotFoundMarkTheMemberUnhealthy() {
		assertThat(kind(anthropic(401, "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", "
				+ "\"message\": \"invalid x-api-key\"}}", Map.of())))
			.isEqualTo(FailureKind.AUTH);
		assertThat(kind(anthropic(404, "{\"type\": \"error\", \"error\": {\"type\": \"not_found_error\", "
				+ "\"message\": \"model: claude-nope\"}}", Map.of())))
			.isEqualTo(FailureKind.AUTH);
	}

	private FailureKind kind(Throwable error) {
		return this.classifier.classify(error).kind();
	}

}
