package dev.orchestration.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderSimulatorHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	// ---------------------------------------------------------------- helpers

	private static String openAiBody(String model, String user, boolean stream, boolean includeUsage) {
		return """
				{"model":"%s","messages":[{"role":"system","content":"be brief"},{"role":"user","content":%s}]%s}"""
			.formatted(model, quote(user), stream
					? ",\"stream\":true" + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") : "");
	}

	private static String anthropicBody(String model, String user, boolean stream) {
		return """
				{"model":"%s","max_tokens":100,"system":"be brief","messages":[{"role":"user","content":%s}]%s}"""
			.formatted(model, quote(user), stream ? ",\"stream\":true" : "");
	}

	private static String quote(String s) {
		return JSON.writeValueAsString(s);
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return post(path, body, Duration.ofSeconds(10));
	}

	private HttpResponse<String> post(String path, String body, Duration timeout) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer sk-secret-openai")
			.header("x-api-key", "sk-ant-secret")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Reads SSE "data:" payloads until the stream ends; records an IOException instead of
	 * throwing.
	 */
	private StreamRead stream(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		List<String> events = new ArrayList<>();
		List<String> data = new ArrayList<>();
		IOException failure = null;
		// byte-wise so that lines received before an abrupt close are not lost in a
		// reader's buffer
		try (InputStream in = response.body()) {
			java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				if (b != '\n') {
					line.write(b);
					continue;
				}
				String text = line.toString(StandardCharsets.UTF_8);
				line.reset();
				if (text.startsWith("data: ")) {
					data.add(text.substring(6));
				}
				else if (text.startsWith("event: ")) {
					events.add(text.substring(7));
				}
			}
		}
		catch (IOException ex) {
			failure = ex;
		}
		return new StreamRead(response, events, data, failure);
	}

	record StreamRead(HttpResponse<InputStream> response, List<String> events, List<String> data, IOException failure) {

		List<JsonNode> json() {
			return this.data.stream().filter(d -> !d.equals("[DONE]")).map(JSON::readTree).toList();
		}

	}

	// ---------------------------------------------------------------- OpenAI

	@Test
	void openAiServesBothPathsWithUsage() throws Exception {
		this.sim.model("gpt-x").answer("Hello there, friend");
		for (String path : List.of("/v1/chat/completions", "/chat/completions")) {
			HttpResponse<String> response = post(path, openAiBody("gpt-x", "Say hi", false, false));
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode json = JSON.readTree(response.body());
			assertThat(json.path("object").asString()).isEqualTo("chat.completion");
			assertThat(json.path("model").asString()).isEqualTo("gpt-x");
			assertThat(json.path("choices").get(0).path("message").path("content").asString())
				.isEqualTo("Hello there, friend");
			assertThat(json.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
			// input text = "be brief\nSay hi" = 15 chars -> ceil(15/4) = 4; answer 19
			// chars -> 5
			assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
			assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
			assertThat(json.path("usage").path("total_tokens").asInt()).isEqualTo(9);
		}
		assertThat(this.sim.model("gpt-x").callCount()).isEqualTo(2);
	}

	@Test
	void unknownModelGetsGeneratedAnswer() throws Exception {
		String question = "What is the capital of France? Please answer with one word and nothing else at all.";
		HttpResponse<String> response = post("/v1/chat/completions",
				openAiBody("never-registered", question, false, false));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asString())
			.isEqualTo("[never-registered] answer to: " + question.substring(0, 60));
	}

	@Test
	void generatedAnswersAndUsageOverride() throws Exception {
		this.sim.model("m").answers(r -> "echo " + r.lastUserMessage().toUpperCase()).usage(111, 22);
		JsonNode json = JSON.readTree(post("/v1/chat/completions", openAiBody("m", "abc", false, false)).body());
		assertThat(json.path("choices").get(0).path("message").path("content").asString()).isEqualTo("echo ABC");
		assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(111);
		assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(22);
	}

	@Test
	void openAiStreamsWordChunksFinishReasonUsageAndDone() throws Exception {
		this.sim.model("gpt-x").answer("one two three four");
		StreamRead read = stream("/v1/chat/completions", openAiBody("gpt-x", "count", true, true));
		assertThat(read.failure()).isNull();
		assertThat(read.response().headers().firstValue("content-type"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
		assertThat(read.data()).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = read.json();
		StringBuilder content = new StringBuilder();
		List<String> pieces = new ArrayList<>();
		for (JsonNode c : chunks) {
			assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk");
			JsonNode choices = c.path("choices");
			if (choices.size() > 0 && choices.get(0).path("delta").path("content").isString()) {
				String piece = choices.get(0).path("delta").path("content").asString();
				if (!piece.isEmpty()) {
					pieces.add(piece);
				}
				content.append(piece);
			}
		}
		assertThat(content.toString()).isEqualTo("one two three four");
		assertThat(pieces).containsExactly("one", " two", " three", " four");
		JsonNode finish = chunks.get(chunks.size() - 2);
		assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		JsonNode usage = chunks.get(chunks.size() - 1);
		assertThat(usage.path("choices").size()).isZero();
		assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(5);

		StreamRead noUsage = stream("/chat/completions", openAiBody("gpt-x", "count", true, false));
		assertThat(noUsage.json()).noneMatch(c -> c.path("usage").isObject());
		assertThat(noUsage.data()).last().isEqualTo("[DONE]");
	}

	@Test
	void openAiToolCallRoundTrip() throws Exception {
		this.sim.model("gpt-tools")
			.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.answers(r -> "It is " + r.lastToolResult());
		String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}]";
		String first = """
				{"model":"gpt-tools","messages":[{"role":"user","content":"weather?"}]%s}""".formatted(tools);
		JsonNode call = JSON.readTree(post("/v1/chat/completions", first).body());
		JsonNode choice = call.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		JsonNode toolCall = choice.path("message").path("tool_calls").get(0);
		assertThat(toolCall.path("function").path("name").asString()).isEqualTo("get_weather");
		assertThat(toolCall.path("function").path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
		String id = toolCall.path("id").asString();

		String second = """
				{"model":"gpt-tools","messages":[{"role":"user","content":"weather?"},
				{"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
				{"role":"tool","tool_call_id":"%s","content":"sunny"}]%s}"""
			.formatted(id, id, tools);
		JsonNode answer = JSON.readTree(post("/v1/chat/completions", second).body());
		assertThat(answer.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(answer.path("choices").get(0).path("message").path("content").asString()).isEqualTo("It is sunny");

		// without tools offered, the scripted tool call is not used
		JsonNode plain = JSON
			.readTree(post("/v1/chat/completions", openAiBody("gpt-tools", "hi", false, false)).body());
		assertThat(plain.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");

		// streamed tool call
		StreamRead streamed = stream("/v1/chat/completions",
				first.substring(0, first.length() - 1) + ",\"stream\":true}");
		StringBuilder args = new StringBuilder();
		String finish = null;
		for (JsonNode c : streamed.json()) {
			JsonNode ch = c.path("choices").get(0);
			for (JsonNode tc : ch.path("delta").path("tool_calls")) {
				args.append(tc.path("function").path("arguments").asString(""));
			}
			if (ch.path("finish_reason").isString()) {
				finish = ch.path("finish_reason").asString();
			}
		}
		assertThat(args.toString()).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(finish).isEqualTo("tool_calls");
	}

	// ---------------------------------------------------------------- Anthropic

	@Test
	void anthropicPlainMessage() throws Exception {
		this.sim.model("claude-x").answer("Bonjour");
		for (String path : List.of("/v1/messages", "/messages")) {
			HttpResponse<String> response = post(path, anthropicBody("claude-x", "Say hi", false));
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode json = JSON.readTree(response.body());
			assertThat(json.path("type").asString()).isEqualTo("message");
			assertThat(json.path("role").asString()).isEqualTo("assistant");
			assertThat(json.path("model").asString()).isEqualTo("claude-x");
			assertThat(json.path("content").get(0).path("type").asString()).isEqualTo("text");
			assertThat(json.path("content").get(0).path("text").asString()).isEqualTo("Bonjour");
			assertThat(json.path("stop_reason").asString()).isEqualTo("end_turn");
			assertThat(json.path("usage").path("input_tokens").asInt()).isEqualTo(4);
			assertThat(json.path("usage").path("output_tokens").asInt()).isEqualTo(2);
		}
		RecordedRequest recorded = this.sim.requests("claude-x").get(0);
		assertThat(recorded.api()).isEqualTo(SimulatedApi.ANTHROPIC);
		assertThat(recorded.systemPrompt()).isEqualTo("be brief");
		assertThat(recorded.lastUserMessage()).isEqualTo("Say hi");
	}

	@Test
	void anthropicStreamHasRealEventSequence() throws Exception {
		this.sim.model("claude-x").answer("alpha beta gamma");
		StreamRead read = stream("/v1/messages", anthropicBody("claude-x", "go", true));
		assertThat(read.failure()).isNull();
		assertThat(read.events()).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
				"content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
		List<JsonNode> json = read.json();
		assertThat(json.get(0).path("message").path("usage").path("input_tokens").asInt()).isEqualTo(3);
		StringBuilder text = new StringBuilder();
		for (JsonNode e : json) {
			if (e.path("type").asString().equals("content_block_delta")) {
				assertThat(e.path("delta").path("type").asString()).isEqualTo("text_delta");
				text.append(e.path("delta").path("text").asString());
			}
		}
		assertThat(text.toString()).isEqualTo("alpha beta gamma");
		JsonNode delta = json.get(json.size() - 2);
		assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(4);
	}

	@Test
	void anthropicToolUseRoundTrip() throws Exception {
		this.sim.model("claude-tools").toolCall("lookup", "{\"q\":\"x\"}").answers(r -> "got " + r.lastToolResult());
		String tools = ",\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]";
		String first = """
				{"model":"claude-tools","max_tokens":50,"messages":[{"role":"user","content":"find"}]%s}"""
			.formatted(tools);
		JsonNode use = JSON.readTree(post("/v1/messages", first).body());
		assertThat(use.path("stop_reason").asString()).isEqualTo("tool_use");
		JsonNode block = use.path("content").get(0);
		assertThat(block.path("type").asString()).isEqualTo("tool_use");
		assertThat(block.path("name").asString()).isEqualTo("lookup");
		assertThat(block.path("input").path("q").asString()).isEqualTo("x");
		String second = """
				{"model":"claude-tools","max_tokens":50,"messages":[{"role":"user","content":"find"},
				{"role":"assistant","content":[{"type":"tool_use","id":"%s","name":"lookup","input":{"q":"x"}}]},
				{"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"42"}]}]%s}"""
			.formatted(block.path("id").asString(), block.path("id").asString(), tools);
		JsonNode answer = JSON.readTree(post("/v1/messages", second).body());
		assertThat(answer.path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(answer.path("content").get(0).path("text").asString()).isEqualTo("got 42");
		assertThat(this.sim.requests("claude-tools").get(1).lastUserMessage()).isEqualTo("find");
	}

	// ---------------------------------------------------------------- faults

	@Test
	void errorPresetsUseEachProvidersStatusAndBodyFormat() throws Exception {
		record Case(SimulatedError error, int openAiStatus, String openAiCode, int anthropicStatus,
				String anthropicType) {
		}
		List<Case> cases = List.of(new Case(SimulatedError.serverError(), 500, null, 500, "api_error"),
				new Case(SimulatedError.overloaded(), 503, null, 529, "overloaded_error"),
				new Case(SimulatedError.rateLimited(null), 429, "rate_limit_exceeded", 429, "rate_limit_error"),
				new Case(SimulatedError.contextLengthExceeded(), 400, "context_length_exceeded", 400,
						"invalid_request_error"),
				new Case(SimulatedError.contentPolicy(), 400, "content_policy_violation", 400, "invalid_request_error"),
				new Case(SimulatedError.unauthorized(), 401, "invalid_api_key", 401, "authentication_error"),
				new Case(SimulatedError.forbidden(), 403, "insufficient_permissions", 403, "permission_error"),
				new Case(SimulatedError.status(418), 418, null, 418, "invalid_request_error"));
		for (Case c : cases) {
			this.sim.model("o").failWith(c.error());
			this.sim.model("a").failWith(c.error());
			HttpResponse<String> o = post("/v1/chat/completions", openAiBody("o", "x", false, false));
			assertThat(o.statusCode()).as("openai %s", c.error()).isEqualTo(c.openAiStatus());
			JsonNode oe = JSON.readTree(o.body()).path("error");
			assertThat(oe.path("message").asString()).isNotBlank();
			assertThat(oe.path("type").isString()).isTrue();
			assertThat(oe.path("code").isNull() ? null : oe.path("code").asString()).isEqualTo(c.openAiCode());
			HttpResponse<String> a = post("/v1/messages", anthropicBody("a", "x", true));
			assertThat(a.statusCode()).as("anthropic %s", c.error()).isEqualTo(c.anthropicStatus());
			JsonNode ae = JSON.readTree(a.body());
			assertThat(ae.path("type").asString()).isEqualTo("error");
			assertThat(ae.path("error").path("type").asString()).isEqualTo(c.anthropicType());
			assertThat(ae.path("error").path("message").asString()).isNotBlank();
		}
		this.sim.model("a").failWith(SimulatedError.contextLengthExceeded());
		assertThat(JSON.readTree(post("/v1/messages", anthropicBody("a", "x", false)).body())
			.path("error")
			.path("message")
			.asString()).startsWith("prompt is too long");
		this.sim.model("a").failWith(SimulatedError.contentPolicy());
		assertThat(JSON.readTree(post("/v1/messages", anthropicBody("a", "x", false)).body())
			.path("error")
			.path("message")
			.asString()).contains("content filtering");
	}

	@Test
	void rateLimitSendsRetryAfterInWholeSeconds() throws Exception {
		this.sim.model("o").failWith(SimulatedError.rateLimited(Duration.ofMillis(2500)));
		HttpResponse<String> o = post("/v1/chat/completions", openAiBody("o", "x", false, false));
		assertThat(o.statusCode()).isEqualTo(429);
		assertThat(o.headers().firstValue("retry-after")).hasValue("3");
		HttpResponse<String> a = post("/v1/messages", anthropicBody("o", "x", false));
		assertThat(a.statusCode()).isEqualTo(429);
		assertThat(a.headers().firstValue("retry-after")).hasValue("3");
	}

	@Test
	void failNextThenRecovers() throws Exception {
		this.sim.model("m").answer("ok").failNext(2, SimulatedError.serverError());
		assertThat(post("/v1/chat/completions", openAiBody("m", "x", false, false)).statusCode()).isEqualTo(500);
		assertThat(post("/v1/chat/completions", openAiBody("m", "x", false, false)).statusCode()).isEqualTo(500);
		assertThat(post("/v1/chat/completions", openAiBody("m", "x", false, false)).statusCode()).isEqualTo(200);
		assertThat(post("/v1/chat/completions", openAiBody("m", "x", false, false)).statusCode()).isEqualTo(200);
		assertThat(this.sim.model("m").callCount()).isEqualTo(4);
	}

	@Test
	void errorRateIsReproducibleWithSeed() throws Exception {
		List<Integer> first = statuses(7L);
		List<Integer> second = statuses(7L);
		assertThat(first).isEqualTo(second);
		long failures = first.stream().filter(s -> s == 503).count();
		assertThat(failures).isBetween(8L, 32L); // 40 calls at 50 %
		assertThat(first).containsOnly(200, 503);
	}

	private List<Integer> statuses(long seed) throws Exception {
		this.sim.reset();
		this.sim.model("flaky").seed(seed).errorRate(0.5, SimulatedError.overloaded());
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			statuses.add(post("/v1/chat/completions", openAiBody("flaky", "x", false, false)).statusCode());
		}
		return statuses;
	}

	@Test
	void latencyDelaysTheResponse() throws Exception {
		this.sim.model("slow").latency(Duration.ofMillis(300));
		long t0 = System.nanoTime();
		assertThat(post("/v1/chat/completions", openAiBody("slow", "x", false, false)).statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(290));

		this.sim.model("fast");
		t0 = System.nanoTime();
		post("/v1/chat/completions", openAiBody("fast", "x", false, false));
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(290));
	}

	@Test
	void latencyRangeIsUniformAndSeeded() throws Exception {
		this.sim.model("jitter").seed(3).latency(Duration.ofMillis(100), Duration.ofMillis(250));
		for (int i = 0; i < 4; i++) {
			long t0 = System.nanoTime();
			post("/v1/messages", anthropicBody("jitter", "x", false));
			assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(95),
					Duration.ofMillis(1500));
		}
		assertThatThrownBy(() -> this.sim.model("jitter").latency(Duration.ofMillis(5), Duration.ofMillis(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hangMakesTheClientTimeOutAndCloseReleasesIt() throws Exception {
		this.sim.model("stuck").hang();
		long t0 = System.nanoTime();
		assertThatThrownBy(
				() -> post("/v1/chat/completions", openAiBody("stuck", "x", false, false), Duration.ofMillis(500)))
			.isInstanceOf(HttpTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
		assertThat(this.sim.model("stuck").callCount()).isEqualTo(1);
		// a request without timeout is released (connection dropped) when the server
		// closes
		var pending = this.http.sendAsync(HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/v1/messages"))
			.POST(HttpRequest.BodyPublishers.ofString(anthropicBody("stuck", "x", false)))
			.build(), HttpResponse.BodyHandlers.ofString());
		Thread.sleep(200);
		assertThat(pending).isNotDone();
		this.sim.close();
		assertThatThrownBy(() -> pending.get(5, java.util.concurrent.TimeUnit.SECONDS))
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void cutStreamEndsAbruptlyWithoutFinishReasonOrDone() throws Exception {
		this.sim.model("cut").answer("a b c d e f g h").cutStreamAfter(3);
		StreamRead read = stream("/v1/chat/completions", openAiBody("cut", "x", true, true));
		assertThat(read.response().statusCode()).isEqualTo(200);
		assertThat(read.failure()).as("abrupt close mid chunked body").isInstanceOf(IOException.class);
		assertThat(read.data()).doesNotContain("[DONE]");
		List<JsonNode> chunks = read.json();
		// role chunk + 3 content chunks
		assertThat(chunks).hasSize(4);
		assertThat(chunks).allMatch(c -> c.path("choices").get(0).path("finish_reason").isNull());

		StreamRead anthropic = stream("/v1/messages", anthropicBody("cut", "x", true));
		assertThat(anthropic.failure()).isInstanceOf(IOException.class);
		assertThat(anthropic.events()).containsExactly("message_start", "content_block_start", "ping",
				"content_block_delta", "content_block_delta", "content_block_delta");

		// non-streamed calls are unaffected
		assertThat(JSON.readTree(post("/v1/chat/completions", openAiBody("cut", "x", false, false)).body())
			.path("choices")
			.get(0)
			.path("message")
			.path("content")
			.asString()).isEqualTo("a b c d e f g h");
	}

	@Test
	void contextWindowRejectsLongPrompts() throws Exception {
		this.sim.model("small").contextWindow(10);
		assertThat(post("/v1/chat/completions", openAiBody("small", "short", false, false)).statusCode())
			.isEqualTo(200);
		String longText = "x".repeat(100);
		HttpResponse<String> o = post("/v1/chat/completions", openAiBody("small", longText, false, false));
		assertThat(o.statusCode()).isEqualTo(400);
		JsonNode oe = JSON.readTree(o.body()).path("error");
		assertThat(oe.path("code").asString()).isEqualTo("context_length_exceeded");
		assertThat(oe.path("message").asString()).contains("maximum context length is 10 tokens").contains("28 tokens");
		HttpResponse<String> a = post("/v1/messages", anthropicBody("small", longText, false));
		assertThat(a.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(a.body()).path("error").path("message").asString())
			.isEqualTo("prompt is too long: 28 tokens > 10 maximum");
	}

	// ---------------------------------------------------------------- log

	@Test
	void requestLogRecordsAndRedacts() throws Exception {
		post("/v1/chat/completions", openAiBody("m1", "first question", false, false));
		stream("/v1/chat/completions", openAiBody("m2", "second", true, true));
		post("/v1/messages", anthropicBody("m1", "third", false));
		assertThat(this.sim.requests()).hasSize(3);
		assertThat(this.sim.requests("m1")).extracting(RecordedRequest::lastUserMessage)
			.containsExactly("first question", "third");
		RecordedRequest first = this.sim.requests().get(0);
		assertThat(first.api()).isEqualTo(SimulatedApi.OPENAI);
		assertThat(first.path()).isEqualTo("/v1/chat/completions");
		assertThat(first.systemPrompt()).isEqualTo("be brief");
		assertThat(first.stream()).isFalse();
		assertThat(first.json().path("model").asString()).isEqualTo("m1");
		assertThat(first.body()).contains("first question");
		assertThat(first.timestamp()).isNotNull();
		assertThat(first.header("Authorization")).isEqualTo(RecordedRequest.REDACTED);
		assertThat(first.header("X-API-KEY")).isEqualTo(RecordedRequest.REDACTED);
		assertThat(first.headers().toString()).doesNotContain("sk-secret-openai").doesNotContain("sk-ant-secret");
		assertThat(first.header("content-type")).isEqualTo("application/json");
		assertThat(this.sim.requests().get(1).stream()).isTrue();
		assertThat(this.sim.requests().get(2).api()).isEqualTo(SimulatedApi.ANTHROPIC);

		SimulatedModel m1 = this.sim.model("m1");
		assertThat(this.sim.model("m1")).isSameAs(m1);
		m1.failWith(SimulatedError.serverError());
		this.sim.reset();
		assertThat(this.sim.requests()).isEmpty();
		assertThat(m1.callCount()).isZero();
		assertThat(post("/v1/chat/completions", openAiBody("m1", "again", false, false)).statusCode()).isEqualTo(200);
	}

	@Test
	void badRequestsGetProviderErrors() throws Exception {
		HttpResponse<String> notJson = post("/v1/chat/completions", "not json");
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(notJson.body()).path("error").path("type").asString())
			.isEqualTo("invalid_request_error");
		HttpResponse<String> unknown = post("/v1/embeddings", "{}");
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	@Test
	void tokenEstimateAndChunks() {
		assertThat(TokenEstimator.estimate("")).isZero();
		assertThat(TokenEstimator.estimate("abcd")).isEqualTo(1);
		assertThat(TokenEstimator.estimate("abcde")).isEqualTo(2);
		assertThat(TokenEstimator.chunks(" a  bb\nc ")).containsExactly(" a", "  bb", "\nc", " ");
		assertThat(String.join("", TokenEstimator.chunks(" a  bb\nc "))).isEqualTo(" a  bb\nc ");
	}

}
