package dev.orchestration.resilience;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicServiceException;
import org.jspecify.annotations.Nullable;

import static dev.orchestration.resilience.ErrorFields.join;
import static dev.orchestration.resilience.ErrorFields.path;
import static dev.orchestration.resilience.ErrorFields.safely;
import static dev.orchestration.resilience.ErrorFields.text;

/**
 * Reads status, headers, error type and code from the Anthropic Java SDK's exceptions
 * (used by Spring AI's Anthropic client), from the raw body {@code {"type": "error",
 * "error": {"type", "message", "details"}}}.
 * <p>
 * An {@code event: error} inside a stream that began with HTTP 200 reaches here as
 * {@code SseException} with status 200 and the event's data as body; its
 * {@code error.type} ({@code overloaded_error}, {@code api_error},
 * {@code rate_limit_error}, ...) decides.
 */
public class AnthropicErrorExtractor implements HttpErrorDetails.Extractor {

	private static final ErrorFields.JsonAccess<JsonValue> JSON = ErrorFields.JsonAccess.of(JsonValue::asObject,
			JsonValue::asArray, JsonValue::asString, JsonValue::asNumber, JsonValue::asBoolean);

	@Override
	public @Nullable HttpErrorDetails extract(Throwable error) {
		if (!(error instanceof AnthropicServiceException e)) {
			return null;
		}
		Integer status = safely(e::statusCode);
		Object body = safely(() -> ErrorFields.tree(e.body(), JSON));
		Object fields = path(body, "error");
		String type = join(text(path(fields, "type")));
		String code = join(text(path(fields, "details", "error_code")));
		String detail = join(code, type, text(path(fields, "message")), safely(e::getMessage));
		return new HttpErrorDetails((status != null) ? status : 0,
				ErrorFields.safeHeaders((name) -> e.headers().values(name)), type, code,
				(detail != null) ? detail : "");
	}

}
