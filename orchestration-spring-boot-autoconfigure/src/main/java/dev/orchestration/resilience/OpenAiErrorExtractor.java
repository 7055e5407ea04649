package dev.orchestration.resilience;

import java.util.Locale;

import com.openai.errors.OpenAIServiceException;
import org.jspecify.annotations.Nullable;

/**
 * Reads status, headers and error code from the OpenAI Java SDK's exceptions (used by Spring AI's OpenAI client).
 */
public class OpenAiErrorExtractor implements HttpErrorDetails.Extractor {

	@Override
	public @Nullable HttpErrorDetails extract(Throwable error) {
		if (!(error instanceof OpenAIServiceException e)) {
			return null;
		}
		String detail = (e.code().orElse("") + " " + e.type().orElse("") + " " + e.getMessage())
			.toLowerCase(Locale.ROOT);
		return new HttpErrorDetails(e.statusCode(), e.headers()::values, detail);
	}

}
