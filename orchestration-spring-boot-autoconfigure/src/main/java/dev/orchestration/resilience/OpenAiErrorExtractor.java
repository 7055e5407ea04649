package dev.orchestration.resilience;

import java.util.List;
import java.util.Map;

import com.openai.core.JsonValue;
import com.openai.errors.OpenAIServiceException;
import org.jspecify.annotations.Nullable;

import static dev.orchestration.resilience.ErrorFields.filteredCategories;
import static dev.orchestration.resilience.ErrorFields.join;
import static dev.orchestration.resilience.ErrorFields.path;
import static dev.orchestration.resilience.ErrorFields.safely;
import static dev.orchestration.resilience.ErrorFields.text;

/**
 * Reads status, headers, error type and code from the OpenAI Java SDK's exceptions (used
 * by Spring AI's OpenAI client), for OpenAI and Azure OpenAI alike.
 * <p>
 * The fields are read from the raw body ({@link OpenAIServiceException#body()}), never
 * through the SDK's typed accessors: {@code type()} throws
 * {@code OpenAIInvalidDataException} when the body has no {@code error.type} or
 * {@code "type": null} (as Azure OpenAI sends), and {@code code()} throws when the code
 * is not a string. Azure's {@code innererror.code} (e.g.
 * {@code ResponsibleAIPolicyViolation}) joins the code, and categories its
 * {@code content_filter_result} filtered add {@code content_filter} to the detail. Errors
 * sent inside a stream ({@code data: {"error": ...}} after HTTP 200) reach here as
 * {@code SseException} with status 200.
 */
public class OpenAiErrorExtractor implements HttpErrorDetails.Extractor {

	private static final ErrorFields.JsonAccess<JsonValue> JSON = ErrorFields.JsonAccess.of(JsonValue::asObject,
			JsonValue::asArray, JsonValue::asString, JsonValue::asNumber, JsonValue::asBoolean);

	@Override
	public @Nullable HttpErrorDetails extract(Throwable error) {
		if (!(error instanceof OpenAIServiceException e)) {
			return null;
		}
		Integer status = safely(e::statusCode);
		Object body = safely(() -> ErrorFields.tree(e.body(), JSON));
		// the SDK keeps the "error" object when there is one, else the whole body
		Object fields = (path(body, "error") instanceof Map<?, ?> inner) ? inner : body;
		String type = join(text(path(fields, "type")));
		String code = join(text(path(fields, "code")), text(path(fields, "innererror", "code")));
		List<String> filtered = filteredCategories(path(fields, "innererror", "content_filter_result"));
		filtered.addAll(filteredCategories(path(fields, "content_filter_results")));
		filtered.addAll(filteredCategories(path(fields, "innererror", "content_filter_results")));
		String detail = join(code, type, text(path(fields, "message")),
				filtered.isEmpty() ? null : "content_filter " + String.join(" ", filtered), safely(e::getMessage));
		return new HttpErrorDetails((status != null) ? status : 0,
				ErrorFields.safeHeaders((name) -> e.headers().values(name)), type, code,
				(detail != null) ? detail : "");
	}

}
