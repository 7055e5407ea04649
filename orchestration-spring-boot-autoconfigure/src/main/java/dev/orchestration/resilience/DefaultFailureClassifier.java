package dev.orchestration.resilience;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Default {@link FailureClassifier}: reads the HTTP status of provider errors through {@link HttpErrorDetails}
 * extractors (OpenAI and Anthropic SDKs by default) and treats I/O errors and timeouts as transient.
 * <p>
 * An error it does not recognise is treated as {@link FailureKind#TRANSIENT}: another member may well answer, and
 * a failing provider should not fail a request that another provider can serve.
 */
public class DefaultFailureClassifier implements FailureClassifier {

	private static final int MAX_CAUSE_DEPTH = 10;

	private static final List<String> CONTEXT_LENGTH_MARKERS = List.of("context_length_exceeded",
			"maximum context length", "context length", "context window", "prompt is too long", "too many tokens",
			"input is too long");

	private static final List<String> CONTENT_POLICY_MARKERS = List.of("content_policy", "content policy",
			"content_filter", "content filtering", "content management policy", "safety system");

	private final List<HttpErrorDetails.Extractor> extractors;

	public DefaultFailureClassifier(List<HttpErrorDetails.Extractor> extractors) {
		this.extractors = List.copyOf(extractors);
	}

	@Override
	public FailureClassification classify(Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			HttpErrorDetails details = extract(current);
			if (details != null) {
				return classify(details);
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
			HttpErrorDetails details = extractor.extract(error);
			if (details != null) {
				return details;
			}
		}
		return null;
	}

	private FailureClassification classify(HttpErrorDetails details) {
		int status = details.statusCode();
		FailureKind kind = switch (status) {
			case 429 -> FailureKind.RATE_LIMITED;
			case 401, 403, 404 -> FailureKind.AUTH;
			case 408, 409, 425 -> FailureKind.TRANSIENT;
			case 413 -> FailureKind.CONTEXT_LENGTH;
			default -> (status >= 500) ? FailureKind.TRANSIENT : classifyClientError(details.detail());
		};
		Duration retryAfter = (kind == FailureKind.RATE_LIMITED) ? retryAfter(details) : null;
		return new FailureClassification(kind, status, retryAfter);
	}

	private static FailureKind classifyClientError(String detail) {
		if (CONTEXT_LENGTH_MARKERS.stream().anyMatch(detail::contains)) {
			return FailureKind.CONTEXT_LENGTH;
		}
		if (CONTENT_POLICY_MARKERS.stream().anyMatch(detail::contains)) {
			return FailureKind.CONTENT_POLICY;
		}
		return FailureKind.FATAL;
	}

	private static boolean isTransportFailure(Throwable error) {
		String name = error.getClass().getSimpleName();
		return error instanceof IOException || error instanceof TimeoutException || name.endsWith("IoException")
				|| name.contains("Timeout");
	}

	static @Nullable Duration retryAfter(HttpErrorDetails details) {
		Double millis = number(firstValue(details, "retry-after-ms"));
		if (millis != null) {
			return Duration.ofMillis(Math.round(millis));
		}
		String value = firstValue(details, "retry-after");
		if (value == null) {
			return null;
		}
		Double seconds = number(value);
		if (seconds != null) {
			return Duration.ofMillis(Math.round(seconds * 1000));
		}
		try {
			Duration until = Duration.between(ZonedDateTime.now(),
					ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (RuntimeException notADate) {
			return null;
		}
	}

	private static @Nullable Double number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String firstValue(HttpErrorDetails details, String header) {
		List<String> values = details.headers().apply(header);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
