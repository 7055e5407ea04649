package dev.orchestration.resilience;

import java.util.Locale;

import com.anthropic.errors.AnthropicServiceException;
import org.jspecify.annotations.Nullable;

/**
 * Reads status, headers and error type from the Anthropic Java SDK's exceptions (used by Spring AI's Anthropic
 * client).
 */
public class AnthropicErrorExtractor implements HttpErrorDetails.Extractor {

	@Override
	public @Nullable HttpErrorDetails extract(Throwable error) {
		if (!(error instanceof AnthropicServiceException e)) {
			return null;
		}
		String type = e.errorType().map(Object::toString).orElse("");
		String detail = (type + " " + e.getMessage()).toLowerCase(Locale.ROOT);
		return new HttpErrorDetails(e.statusCode(), e.headers()::values, detail);
	}

}
