package dev.orchestration.resilience;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * No error body, however broken, makes the classifier throw; an unreadable body leaves
 * the HTTP status to decide.
 */
class MalformedErrorBodyTests {

	private static final int[] STATUSES = { 400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 503, 529 };

	private static final List<String> VALID = List.of(
			"{\"error\": {\"message\": \"m\", \"type\": null, \"param\": \"prompt\", \"code\": \"content_filter\", "
					+ "\"innererror\": {\"code\": \"ResponsibleAIPolicyViolation\", \"content_filter_result\": "
					+ "{\"violence\": {\"filtered\": true, \"severity\": \"medium\"}}}}}",
			"{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}",
			"{\"error\": {\"message\": \"You exceeded your current quota\", \"type\": \"insufficient_quota\", "
					+ "\"param\": null, \"code\": \"insufficient_quota\"}}");

	private static final List<String> WRONG_TYPES = List.of("", " ", "null", "[]", "42", "\"error\"", "{}",
			"{\"error\": null}", "{\"error\": \"boom\"}", "{\"error\": 7}", "{\"error\": []}", "{\"error\": [{}]}",
			"{\"error\": {}}", "{\"error\": {\"type\": 5, \"code\": {\"a\": 1}, \"message\": [\"x\"]}}",
			"{\"error\": {\"type\": null, \"code\": null, \"message\": null, \"param\": null}}",
			"{\"error\": {\"innererror\": \"x\", \"content_filter_result\": [1, 2]}}",
			"{\"error\": {\"innererror\": {\"code\": 3, \"content_filter_result\": {\"a\": 1, \"b\": {\"filtered\": "
					+ "\"yes\"}}}}}",
			"{\"type\": \"error\", \"error\": {\"type\": [], \"details\": \"x\"}}",
			"{\"type\": \"error\", \"error\": {\"type\": {\"nested\": true}, \"message\": 12.5}}",
			"{\"error\": {\"message\": \"" + "x".repeat(100_000) + "\"}}", nested(2000));

	@Test
	void noBodyMakesTheClassifierThrowAndTheStatusStillDecides() {
		DefaultFailureClassifier classifier = new DefaultFailureClassifier(
				List.of(new OpenAiErrorExtractor(), new AnthropicErrorExtractor()));
		List<String> bodies = bodies();
		int classified = 0;
		for (String body : bodies) {
			for (int status : STATUSES) {
				for (Throwable error : List.of(ProviderExceptions.openAi(status, body, headers(body)),
						ProviderExceptions.anthropic(status, body, headers(body)))) {
					FailureClassification failure = classifier.classify(error);
					assertThat(failure.kind()).as("status %d, body %s", status, abbreviate(body)).isNotNull();
					assertThat(failure.statusCode()).isEqualTo(status);
					if (status == 401 || status == 403) {
						assertThat(failure.kind()).as("status %d, body %s", status, abbreviate(body))
							.isIn(FailureKind.AUTH, FailureKind.ACCOUNT);
					}
					if (status >= 500) {
						assertThat(failure.kind()).as("status %d, body %s", status, abbreviate(body))
							.isIn(FailureKind.TRANSIENT, FailureKind.ACCOUNT);
					}
					classified++;
				}
			}
			for (Throwable error : List.of(ProviderExceptions.openAiStreamError(body),
					ProviderExceptions.anthropicStreamError(body))) {
				assertThat(classifier.classify(error).kind()).as("stream event %s", abbreviate(body)).isNotNull();
				classified++;
			}
		}
		assertThat(classified).isEqualTo(bodies.size() * (STATUSES.length * 2 + 2));
	}

	@Test
	void anUnreadableBodyDegradesToTheStatusCode() {
		DefaultFailureClassifier classifier = new DefaultFailureClassifier(
				List.of(new OpenAiErrorExtractor(), new AnthropicErrorExtractor()));
		for (String body : List.of("", "{\"error\": {\"mess", "<html>502 Bad Gateway</html>", "\u0000\u0001")) {
			assertThat(classifier.classify(ProviderExceptions.openAi(429, body, Map.of("retry-after", "4"))).kind())
				.isEqualTo(FailureKind.RATE_LIMITED);
			assertThat(classifier.classify(ProviderExceptions.anthropic(401, body, Map.of())).kind())
				.isEqualTo(FailureKind.AUTH);
			assertThat(classifier.classify(ProviderExceptions.anthropic(529, body, Map.of())).kind())
				.isEqualTo(FailureKind.TRANSIENT);
			assertThat(classifier.classify(ProviderExceptions.openAi(400, body, Map.of())).kind())
				.isEqualTo(FailureKind.FATAL);
		}
	}

	@Test
	void anExtractorThatThrowsIsSkipped() {
		HttpErrorDetails.Extractor broken = (error) -> {
			throw new IllegalStateException("broken extractor");
		};
		DefaultFailureClassifier classifier = new DefaultFailureClassifier(
				List.of(broken, new FakeHttpException.Extractor()));
		assertThat(classifier.classify(new FakeHttpException(429, "slow down")).kind())
			.isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void detailsWithNullFieldsOrThrowingHeadersStillClassify() {
		HttpErrorDetails.Extractor odd = (error) -> new HttpErrorDetails(429, (name) -> {
			throw new IllegalStateException("headers gone");
		}, null, null, null);
		DefaultFailureClassifier classifier = new DefaultFailureClassifier(List.of(odd));
		assertThatNoException().isThrownBy(() -> classifier.classify(new RuntimeException("x")));
		assertThat(classifier.classify(new RuntimeException("x")).kind()).isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void absurdResetHeadersDoNotThrow() {
		DefaultFailureClassifier classifier = new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor()));
		for (Map<String, String> headers : List.of(Map.of("retry-after", "1e308"), Map.of("retry-after-ms", "NaN"),
				Map.of("retry-after", "-5"), Map.of("x-ratelimit-reset-tokens", "99999999999999h"),
				Map.of("anthropic-ratelimit-tokens-reset", "9999-99-99T99:99:99Z"),
				Map.of("x-ratelimit-reset-requests", "ms"), Map.of("retry-after", "Mon, 32 Foo 2026"))) {
			assertThat(classifier.classify(new FakeHttpException(429, "slow down", headers)).kind()).as("%s", headers)
				.isEqualTo(FailureKind.RATE_LIMITED);
		}
	}

	private static List<String> bodies() {
		List<String> bodies = new ArrayList<>(WRONG_TYPES);
		for (String valid : VALID) {
			bodies.add(valid);
			for (int cut = 1; cut < valid.length(); cut += 7) {
				bodies.add(valid.substring(0, cut));
			}
		}
		Random random = new Random(20261201L);
		for (int i = 0; i < 60; i++) {
			byte[] bytes = new byte[random.nextInt(200)];
			random.nextBytes(bytes);
			bodies.add(new String(bytes, StandardCharsets.ISO_8859_1));
			bodies.add("{\"error\": " + new String(bytes, StandardCharsets.UTF_8) + "}");
		}
		return bodies;
	}

	private static Map<String, String> headers(String body) {
		String value = body.length() > 40 ? body.substring(0, 40) : body;
		String safe = value.replaceAll("[^\\x20-\\x7e]", "?");
		return Map.of("retry-after", safe, "x-ratelimit-reset-tokens", safe, "anthropic-ratelimit-tokens-reset", safe,
				"x-ratelimit-remaining-tokens", "0");
	}

	private static String nested(int depth) {
		return "{\"error\": ".repeat(depth) + "{}" + "}".repeat(depth);
	}

	private static String abbreviate(String body) {
		return body.length() > 60 ? body.substring(0, 60) + "..." : body;
	}

}
