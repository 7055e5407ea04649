package dev.orchestration.resilience;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What a provider's exception says about the HTTP response that caused it.
 * <p>
 * A stream that began with HTTP 200 and then sent an error event (Anthropic
 * {@code event: error}, OpenAI {@code data: {"error": ...}}) has status 200: the
 * {@link #type() error type} then decides.
 *
 * @param statusCode the HTTP status (200 for an error event inside a stream)
 * @param headers reads the values of a response header (case-insensitive); never throws
 * @param type the provider's error type ({@code error.type}, e.g.
 * {@code overloaded_error}), lower-cased, or {@code null} when the body has none (Azure
 * OpenAI often sends none or {@code null})
 * @param code the provider's error code ({@code error.code}, Azure
 * {@code innererror.code}, Anthropic {@code error.details.error_code}), lower-cased and
 * space-separated, or {@code null}
 * @param detail the provider's error code, type and message, lower-cased, for recognising
 * error kinds
 */
public record HttpErrorDetails(int statusCode, Function<String, List<String>> headers, @Nullable String type,
		@Nullable String code, String detail) {

	/**
	 * Details without a separate type or code, for extractors that only have a message.
	 * @param statusCode the HTTP status
	 * @param headers reads the values of a response header
	 * @param detail the error code, type and message, lower-cased
	 */
	public HttpErrorDetails(int statusCode, Function<String, List<String>> headers, String detail) {
		this(statusCode, headers, null, null, detail);
	}

	/** Reads {@link HttpErrorDetails} from one provider's exceptions. */
	@FunctionalInterface
	public interface Extractor {

		/**
		 * The details, or {@code null} when the error is not one of this provider's HTTP
		 * errors. The {@link DefaultFailureClassifier} treats an extractor that throws as
		 * one that returned {@code null}.
		 */
		@Nullable HttpErrorDetails extract(Throwable error);

	}

}
