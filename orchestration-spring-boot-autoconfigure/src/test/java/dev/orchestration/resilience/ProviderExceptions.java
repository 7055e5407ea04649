package dev.orchestration.resilience;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonField;
import com.openai.core.JsonMissing;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.ErrorObject;

/**
 * The SDKs' own exceptions for a raw HTTP status, headers and body, built the way each
 * SDK's error handler builds them (openai-java {@code ErrorHandler.kt} /
 * {@code SseHandler.kt}, anthropic-java likewise): a body the SDK cannot parse becomes a
 * missing body, as in the SDK.
 */
final class ProviderExceptions {

	private ProviderExceptions() {
	}

	static RuntimeException openAi(int status, String body, Map<String, String> headers) {
		com.openai.core.http.Headers h = openAiHeaders(headers);
		JsonField<ErrorObject> error = openAiErrorBody(body);
		return switch (status) {
			case 400 -> com.openai.errors.BadRequestException.builder().headers(h).error(error).build();
			case 401 -> com.openai.errors.UnauthorizedException.builder().headers(h).error(error).build();
			case 403 -> com.openai.errors.PermissionDeniedException.builder().headers(h).error(error).build();
			case 404 -> com.openai.errors.NotFoundException.builder().headers(h).error(error).build();
			case 422 -> com.openai.errors.UnprocessableEntityException.builder().headers(h).error(error).build();
			case 429 -> com.openai.errors.RateLimitException.builder().headers(h).error(error).build();
			default -> (status >= 500)
					? com.openai.errors.InternalServerException.builder()
						.statusCode(status)
						.headers(h)
						.error(error)
						.build()
					: com.openai.errors.UnexpectedStatusCodeException.builder()
						.statusCode(status)
						.headers(h)
						.error(error)
						.build();
		};
	}

	/**
	 * {@code data: <json>} inside an HTTP 200 stream, as openai-java's SseHandler throws
	 * it.
	 */
	static RuntimeException openAiStreamError(String data) {
		JsonField<ErrorObject> error;
		try {
			JsonNode node = ObjectMappers.jsonMapper().readTree(data);
			error = ObjectMappers.jsonMapper().readerFor(new TypeReference<JsonField<ErrorObject>>() {
			}).readValue(node.get("error"));
		}
		catch (Exception ex) {
			error = JsonMissing.of();
		}
		return com.openai.errors.SseException.builder()
			.statusCode(200)
			.headers(openAiHeaders(Map.of()))
			.error(error)
			.build();
	}

	static RuntimeException anthropic(int status, String body, Map<String, String> headers) {
		com.anthropic.core.http.Headers h = anthropicHeaders(headers);
		com.anthropic.core.JsonValue value = anthropicBody(body);
		return switch (status) {
			case 400 -> com.anthropic.errors.BadRequestException.builder().headers(h).body(value).build();
			case 401 -> com.anthropic.errors.UnauthorizedException.builder().headers(h).body(value).build();
			case 403 -> com.anthropic.errors.PermissionDeniedException.builder().headers(h).body(value).build();
			case 404 -> com.anthropic.errors.NotFoundException.builder().headers(h).body(value).build();
			case 429 -> com.anthropic.errors.RateLimitException.builder().headers(h).body(value).build();
			default -> (status >= 500)
					? com.anthropic.errors.InternalServerException.builder()
						.statusCode(status)
						.headers(h)
						.body(value)
						.build()
					: com.anthropic.errors.UnexpectedStatusCodeException.builder()
						.statusCode(status)
						.headers(h)
						.body(value)
						.build();
		};
	}

	/**
	 * {@code event: error} inside an HTTP 200 stream, as anthropic-java's SseHandler
	 * throws it.
	 */
	static RuntimeException anthropicStreamError(String data) {
		return com.anthropic.errors.SseException.builder()
			.statusCode(200)
			.headers(anthropicHeaders(Map.of()))
			.body(anthropicBody(data))
			.build();
	}

	private static JsonField<ErrorObject> openAiErrorBody(String body) {
		try {
			JsonNode node = ObjectMappers.jsonMapper().readTree(body);
			JsonNode error = (node != null) ? node.get("error") : null;
			if (error != null) {
				return ObjectMappers.jsonMapper().readerFor(new TypeReference<JsonField<ErrorObject>>() {
				}).readValue(error);
			}
			return (node != null) ? JsonValue.fromJsonNode(node) : JsonMissing.of();
		}
		catch (Exception ex) {
			return JsonMissing.of();
		}
	}

	private static com.anthropic.core.JsonValue anthropicBody(String body) {
		try {
			com.anthropic.core.JsonValue value = com.anthropic.core.ObjectMappers.jsonMapper()
				.readValue(body, com.anthropic.core.JsonValue.class);
			return (value != null) ? value : com.anthropic.core.JsonMissing.of();
		}
		catch (Exception ex) {
			return com.anthropic.core.JsonMissing.of();
		}
	}

	private static com.openai.core.http.Headers openAiHeaders(Map<String, String> headers) {
		com.openai.core.http.Headers.Builder builder = com.openai.core.http.Headers.builder();
		headers.forEach(builder::put);
		return builder.build();
	}

	private static com.anthropic.core.http.Headers anthropicHeaders(Map<String, String> headers) {
		com.anthropic.core.http.Headers.Builder builder = com.anthropic.core.http.Headers.builder();
		headers.forEach(builder::put);
		return builder.build();
	}

}
