package dev.orchestration.resilience;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What a provider's exception says about the HTTP response that caused it.
 *
 * @param statusCode the HTTP status
 * @param headers reads the values of a response header (case-insensitive)
 * @param detail the provider's error code, type and message, lower-cased, for recognising error kinds
 */
public record HttpErrorDetails(int statusCode, Function<String, List<String>> headers, String detail) {

	/** Reads {@link HttpErrorDetails} from one provider's exceptions. */
	@FunctionalInterface
	public interface Extractor {

		/** The details, or {@code null} when the error is not one of this provider's HTTP errors. */
		@Nullable HttpErrorDetails extract(Throwable error);

	}

}
