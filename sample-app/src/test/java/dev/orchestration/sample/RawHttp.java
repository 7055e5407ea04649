package dev.orchestration.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends any body with any content type and keeps the raw answer, for the bad-input tests
 * (whose answers need not be JSON). Every call is bounded: a request that does not answer
 * fails the test instead of hanging it.
 */
final class RawHttp {

	/**
	 * A bound, not a latency check: the first calls after start-up are slow on a loaded
	 * machine.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final String baseUrl;

	RawHttp(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	Answer post(String path, String contentType, HttpRequest.BodyPublisher body) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.header("Content-Type", contentType)
			.POST(body)
			.build());
	}

	Answer postJson(String path, String json) {
		return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
	}

	Answer postJson(String path, String json, String header, String value) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	Answer get(String path) {
		return get(path, TIMEOUT);
	}

	Answer get(String path, Duration timeout) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(timeout).GET().build());
	}

	Answer delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(TIMEOUT).DELETE().build());
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, String body) {

		/**
		 * A stack trace (frames, or Boot's {@code trace} attribute) leaked into the body.
		 */
		boolean leaksStack() {
			return this.body.contains("\tat ") || this.body.contains("\"trace\"")
					|| this.body.matches("(?s).*\\bat [a-z]+\\.[a-z.]+\\.[A-Z]\\w*\\.\\w+\\(.*");
		}

	}

}
