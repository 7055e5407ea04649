package dev.orchestration.resilience;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Default {@link FailureClassifier}: reads provider errors through
 * {@link HttpErrorDetails} extractors (OpenAI, Azure OpenAI and Anthropic SDKs by
 * default) and treats I/O errors and timeouts as transient. It never throws: an extractor
 * that fails is skipped, and a body it cannot read leaves the HTTP status to decide.
 * <p>
 * In order: account trouble (HTTP 402, {@code insufficient_quota}, "credit balance is too
 * low", "reached your specified API usage limits", spend limits) is
 * {@link FailureKind#ACCOUNT} whatever the status; then the HTTP status (429 rate
 * limited, 401/403/404 auth, 413 context length, 5xx transient, other 4xx by message:
 * context length, content policy, else fatal); an error event inside a stream that began
 * with HTTP 200 is classified by its error type ({@code overloaded_error},
 * {@code api_error}, {@code server_error} transient; {@code rate_limit_error} rate
 * limited; {@code authentication_error}, {@code permission_error},
 * {@code not_found_error} auth; {@code billing_error} account;
 * {@code invalid_request_error} by message).
 * <p>
 * An error it does not recognise is treated as {@link FailureKind#TRANSIENT}: another
 * member may well answer, and a failing provider should not fail a request that another
 * provider can serve.
 */
public class DefaultFailureClassifier implements FailureClassifier {

	private static final int MAX_CAUSE_DEPTH = 10;

	private static final List<String> ACCOUNT_MARKERS = List.of("insufficient_quota", "exceeded your current quota",
			"credit balance is too low", "specified api usage limits", "billing_hard_limit_reached",
			"billing hard limit", "billing_not_active", "account is not active", "enforced_spend_limit_reached",
			"billing_error");

	private static final List<String> CONTEXT_LENGTH_MARKERS = List.of("context_length_exceeded",
			"maximum context length", "context length", "context window", "exceed context limit",
			"input tokens exceed the configured limit", "prompt is too long", "too many tokens", "input is too long",
			"reduce the length of the messages");

	private static final List<String> CONTENT_POLICY_MARKERS = List.of("content_policy", "content policy",
			"content_filter", "content filtering", "content management policy", "safety system",
			"responsibleaipolicyviolation", "invalid_prompt", "violating our usage policy");

	private static final List<String> TRANSIENT_TYPES = List.of("overloaded_error", "api_error", "server_error",
			"timeout_error", "service_unavailable", "internal_error");

	private static final List<String> RATE_LIMIT_TYPES = List.of("rate_limit_error", "rate_limit_exceeded", "requests",
			"tokens", "ratelimitreached");

	private static final List<String> AUTH_TYPES = List.of("authentication_error", "permission_error",
			"not_found_error", "invalid_api_key", "deploymentnotfound");

	private final List<HttpErrorDetails.Extractor> extractors;

	private final Clock clock;

	public DefaultFailureClassifier(List<HttpErrorDetails.Extractor> extractors) {
		this(extractors, Clock.systemUTC());
	}

	/**
	 * A classifier that measures HTTP-date and RFC 3339 reset times against the given
	 * clock.
	 * @param extractors the extractors, asked in order
	 * @param clock the clock
	 */
	public DefaultFailureClassifier(List<HttpErrorDetails.Extractor> extractors, Clock clock) {
		this.extractors = List.copyOf(extractors);
		this.clock = clock;
	}

	@Override
	public FailureClassification classify(Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			HttpErrorDetails details = extract(current);
			if (details != null) {
				return classifySafely(details);
			}
			if (isTransportFailure(current)) {
				return FailureClassification.of(FailureKind.TRANSIENT);
			}
			current = current.getCause();
		}
		return FailureClassification.of(FailureKind.TRANSIENT);
	}

	private @Nullable HttpErrorDetails extract(Throwable error) {
		for (HttpErrorDetails.Extractor extractor : this.extractors) {
			HttpErrorDetails details = ErrorFields.safely(() -> extractor.extract(error));
			if (details != null) {
				return details;
			}
		}
		return null;
	}

	private FailureClassification classifySafely(HttpErrorDetails details) {
		try {
			return classify(details);
		}
		catch (RuntimeException ex) {
			// a custom extractor's details broke a rule: the status alone still says
			// something
			return new FailureClassification(byStatus(details.statusCode(), ""), details.statusCode(), null);
		}
	}

	private FailureClassification classify(HttpErrorDetails details) {
		int status = details.statusCode();
		String detail = (details.detail() != null) ? details.detail() : "";
		String type = (details.type() != null) ? details.type() : "";
		String code = (details.code() != null) ? details.code() : "";
		FailureKind kind;
		if (status == 402 || containsAny(detail, ACCOUNT_MARKERS)) {
			kind = FailureKind.ACCOUNT;
		}
		else if (status >= 400) {
			kind = byStatus(status, detail);
		}
		else {
			kind = byType(type, code, detail);
		}
		Duration retryAfter = (kind == FailureKind.RATE_LIMITED) ? RetryAfterHeaders.wait(details, this.clock.instant())
				: null;
		return new FailureClassification(kind, (status > 0) ? status : null, retryAfter);
	}

	private static FailureKind byStatus(int status, String detail) {
		return switch (status) {
			case 429 -> FailureKind.RATE_LIMITED;
			case 401, 403, 404 -> FailureKind.AUTH;
			case 408, 409, 425 -> FailureKind.TRANSIENT;
			case 413 -> FailureKind.CONTEXT_LENGTH;
			default -> (status >= 500) ? FailureKind.TRANSIENT : byMessage(detail, FailureKind.FATAL);
		};
	}

	/**
	 * An error event inside a stream (HTTP 200): its type decides, as the status would
	 * have.
	 */
	private static FailureKind byType(String type, String code, String detail) {
		if (TRANSIENT_TYPES.contains(type)) {
			return FailureKind.TRANSIENT;
		}
		if (RATE_LIMIT_TYPES.contains(type) || containsAnyWord(code, RATE_LIMIT_TYPES)) {
			return FailureKind.RATE_LIMITED;
		}
		if (AUTH_TYPES.contains(type) || containsAnyWord(code, AUTH_TYPES)) {
			return FailureKind.AUTH;
		}
		if ("request_too_large".equals(type)) {
			return FailureKind.CONTEXT_LENGTH;
		}
		if ("invalid_request_error".equals(type)) {
			return byMessage(detail, FailureKind.FATAL);
		}
		return byMessage(detail, FailureKind.TRANSIENT);
	}

	private static FailureKind byMessage(String detail, FailureKind otherwise) {
		if (containsAny(detail, CONTEXT_LENGTH_MARKERS)) {
			return FailureKind.CONTEXT_LENGTH;
		}
		if (containsAny(detail, CONTENT_POLICY_MARKERS)) {
			return FailureKind.CONTENT_POLICY;
		}
		return otherwise;
	}

	private static boolean containsAny(String text, List<String> markers) {
		for (String marker : markers) {
			if (text.contains(marker)) {
				return true;
			}
		}
		return false;
	}

	private static boolean containsAnyWord(String words, List<String> candidates) {
		for (String word : words.split(" ")) {
			if (candidates.contains(word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTransportFailure(Throwable error) {
		String name = error.getClass().getSimpleName();
		return error instanceof IOException || error instanceof TimeoutException || name.endsWith("IoException")
				|| name.contains("Timeout");
	}

}
