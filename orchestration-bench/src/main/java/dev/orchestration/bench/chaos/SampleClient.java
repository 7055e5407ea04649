package dev.orchestration.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP to one instance: the chat API, the fault hook, health and the routes endpoint.
 */
final class SampleClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern TAG = Pattern.compile("#([A-Za-z0-9]+-\\d+)\\s*$");

	private static final Pattern STACK = Pattern
		.compile("\\tat |\"trace\"|\\bat [a-z]+\\.[a-z.]+\\.[A-Z]\\w*\\.\\w+\\(");

	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

	/** The sample's error event for a stream cut after chunks reached the caller. */
	static final String INTERRUPTED = "StreamInterruptedException";

	/**
	 * Whether every answer ends with a tag ({@code sample.fault-control.tag-answers}),
	 * which makes a silently cut stream visible.
	 */
	private volatile boolean tagged;

	private final String name;

	private final String baseUrl;

	private final Duration deadline;

	private final HttpClient http;

	SampleClient(String name, String baseUrl, Duration deadline) {
		this.name = name;
		this.baseUrl = baseUrl;
		this.deadline = deadline;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	String name() {
		return this.name;
	}

	/**
	 * From now on every answer ends with a tag: the faults were set through the hook,
	 * which tags the answers it scripts.
	 */
	void expectTags() {
		this.tagged = true;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/** One workload request, {@code POST /chat} or {@code /chat/stream}. */
	Outcome send(Workload.Request request) {
		ObjectNode body = JSON.createObjectNode();
		body.put("message", request.message());
		body.put("tenant", request.tenant());
		if (request.task() != null) {
			body.put("task", request.task());
		}
		String path = request.stream() ? "/chat/stream" : "/chat";
		HttpRequest http = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(this.deadline)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			return outcome(request, Outcome.Kind.DEADLINE_EXCEEDED, 0, start, null, null, 0, false);
		}
		catch (IOException ex) {
			return outcome(request, Outcome.Kind.CONNECTION_ERROR, 0, start, null, null, 0, false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return outcome(request, Outcome.Kind.CONNECTION_ERROR, 0, start, null, null, 0, false);
		}
		String text = response.body();
		boolean leaks = STACK.matcher(text).find();
		int status = response.statusCode();
		if (status == 200 && request.stream()) {
			return streamed(request, text, start, leaks);
		}
		JsonNode json = parse(text);
		if (status == 200) {
			String answer = json.path("answer").asString("");
			String layer = json.path("cache").isObject() ? json.path("cache").path("layer").asString(null) : null;
			return outcome(request, answer.isBlank() ? Outcome.Kind.EMPTY_ANSWER : Outcome.Kind.OK, status, start,
					layer, tag(answer), json.path("receipt").path("cost").asDouble(0), leaks);
		}
		String kind = json.path("kind").asString("");
		Outcome.Kind outcome;
		if ((status == 429 || status == 402) && kind.equals("budget-exceeded")) {
			outcome = Outcome.Kind.BUDGET_REFUSED;
		}
		else if (status == 503 && kind.equals("routing-failed")) {
			outcome = Outcome.Kind.ROUTING_FAILED;
		}
		else {
			outcome = (status >= 500) ? Outcome.Kind.HTTP_5XX : Outcome.Kind.HTTP_4XX;
		}
		return outcome(request, outcome, status, start, null, null, 0, leaks);
	}

	private Outcome streamed(Workload.Request request, String body, long start, boolean leaks) {
		StringBuilder answer = new StringBuilder();
		String last = null;
		for (String line : body.split("\n")) {
			if (line.startsWith("data:")) {
				String data = line.substring(5);
				if (data.startsWith("[DONE]") || data.startsWith("[ERROR]")) {
					last = data;
				}
				else {
					answer.append(data);
				}
			}
		}
		String tag = tag(answer.toString());
		return outcome(request, streamKind(last, answer.toString(), tag, this.tagged), 200, start, null, tag, 0, leaks);
	}

	/**
	 * What a stream got from its last event ({@code [DONE]}, {@code [ERROR] <kind>} or
	 * none), its text and the answer's tag.
	 */
	static Outcome.Kind streamKind(@Nullable String last, String answer, @Nullable String tag, boolean tagged) {
		if (last == null) {
			return Outcome.Kind.STREAM_INCOMPLETE;
		}
		if (last.startsWith("[ERROR]")) {
			return (last.contains(INTERRUPTED) && !answer.isBlank()) ? Outcome.Kind.STREAM_INTERRUPTED
					: Outcome.Kind.STREAM_ERROR;
		}
		if (answer.isBlank()) {
			return Outcome.Kind.EMPTY_ANSWER;
		}
		return (tagged && tag == null) ? Outcome.Kind.STREAM_TRUNCATED : Outcome.Kind.OK;
	}

	/**
	 * Sends a request; a stream reported as interrupted after its first chunk is retried
	 * as a client should (at most {@link Outcome#STREAM_RETRIES} times).
	 */
	Outcome sendRetryingInterruptedStreams(Workload.Request request) {
		Outcome outcome = send(request);
		while (outcome.kind() == Outcome.Kind.STREAM_INTERRUPTED && outcome.interruptions() < Outcome.STREAM_RETRIES) {
			outcome = send(request).after(outcome);
		}
		return outcome;
	}

	private Outcome outcome(Workload.Request request, Outcome.Kind kind, int status, long start, @Nullable String layer,
			@Nullable String tag, double cost, boolean leaks) {
		return new Outcome(this.name, request.tenant(), request.stream(), kind, status,
				(System.nanoTime() - start) / 1_000_000, layer, tag, cost, leaks);
	}

	private static @Nullable String tag(String answer) {
		Matcher matcher = TAG.matcher(answer);
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * {@code GET /actuator/health}: HTTP status, the body's status and how long it took.
	 */
	Probe health() {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/actuator/health"))
					.timeout(CONTROL_TIMEOUT)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
			return new Probe(response.statusCode(), parse(response.body()).path("status").asString("?"),
					(System.nanoTime() - start) / 1_000_000, parse(response.body()));
		}
		catch (IOException ex) {
			return new Probe(0, "UNREACHABLE", (System.nanoTime() - start) / 1_000_000, MissingNode.getInstance());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Probe(0, "INTERRUPTED", 0, MissingNode.getInstance());
		}
	}

	JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(CONTROL_TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return parse(response.body());
	}

	int post(String path, String json) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(CONTROL_TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** Any request of the bad-input corpus: the raw status and body. */
	HttpResponse<String> raw(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	void faults(String json) throws IOException, InterruptedException {
		int status = post("/sample/faults", json);
		if (status != 200) {
			throw new IOException("POST /sample/faults on " + this.name + " answered " + status
					+ " (is sample.fault-control.enabled=true?)");
		}
	}

	void clearFaults() throws IOException, InterruptedException {
		this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/sample/faults"))
			.timeout(CONTROL_TIMEOUT)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	/**
	 * Closes every breaker and clears member health, so each phase starts from the same
	 * state.
	 */
	void resetBreakers() throws IOException, InterruptedException {
		for (JsonNode tier : get("/actuator/llm-routes").path("tiers")) {
			for (JsonNode member : tier.path("members")) {
				post("/actuator/llm-routes/" + member.path("id").asString(), "{\"action\": \"reset\"}");
			}
		}
	}

	static JsonNode parse(String text) {
		try {
			JsonNode node = JSON.readTree(text);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (RuntimeException ex) {
			return MissingNode.getInstance();
		}
	}

	/** One health call. */
	record Probe(int httpStatus, String status, long latencyMillis, JsonNode body) {
	}

}
