package dev.orchestration.resilience;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A provider error carrying an HTTP status, for tests that need failure classification
 * without a provider SDK.
 */
public class FakeHttpException extends RuntimeException {

	private final int status;

	private final Map<String, String> headers;

	public FakeHttpException(int status, String message) {
		this(status, message, Map.of());
	}

	public FakeHttpException(int status, String message, Map<String, String> headers) {
		super(message);
		this.status = status;
		this.headers = headers;
	}

	/** Reads {@link FakeHttpException}s. */
	public static class Extractor implements HttpErrorDetails.Extractor {

		@Override
		public @Nullable HttpErrorDetails extract(Throwable error) {
			if (error instanceof FakeHttpException e) {
				return new HttpErrorDetails(e.status,
						(name) -> e.headers.containsKey(name) ? List.of(e.headers.get(name)) : List.of(),
						e.getMessage().toLowerCase());
			}
			return null;
		}

	}

}
