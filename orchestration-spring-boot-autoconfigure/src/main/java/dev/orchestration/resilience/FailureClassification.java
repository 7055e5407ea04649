package dev.orchestration.resilience;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The verdict of a {@link FailureClassifier} on one error.
 *
 * @param kind how the router reacts
 * @param statusCode the HTTP status, when the error came from an HTTP response
 * @param retryAfter the provider's Retry-After, when it sent one
 */
public record FailureClassification(FailureKind kind, @Nullable Integer statusCode, @Nullable Duration retryAfter) {

	public static FailureClassification of(FailureKind kind) {
		return new FailureClassification(kind, null, null);
	}

}
