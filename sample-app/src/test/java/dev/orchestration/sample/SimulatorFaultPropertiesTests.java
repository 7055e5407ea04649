package dev.orchestration.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every simulator fault the docs describe is reachable through the sample's
 * {@code sample.simulator.models.<m>.*} properties: each test binds the properties as
 * Spring Boot does, configures a real simulator with them, and sends raw OpenAI-API HTTP
 * to it.
 */
class SimulatorFaultPropertiesTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final HttpClient http = HttpClient.newHttpClient();

	private void configure(Map<String, String> properties) {
		Map<String, String> prefixed = new LinkedHashMap<>();
		properties.forEach((key, value) -> prefixed.put("sample.simulator.models.m." + key, value));
		SimulatorProperties bound = new Binder(new MapConfigurationPropertySource(prefixed))
			.bind("sample.simulator", SimulatorProperties.class)
			.get();
		OfflineProvidersConfiguration.configure("m", this.sim.model("m"), bound.getModels().get("m"));
	}

	private HttpResponse<String> send(String message, boolean stream, String extra) throws Exception {
		return send(message, stream, extra, Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(String message, boolean stream, String extra, Duration timeout)
			throws IOException, InterruptedException {
		String body = "{\"model\": \"m\", \"stream\": " + stream
				+ ", \"messages\": [{\"role\": \"user\", \"content\": \"" + message + "\"}]" + extra + "}";
		return this.http.send(HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/v1/chat/completions"))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void errorStatusRateAndRetryAfter() throws Exception {
		configure(Map.of("error-rate", "1", "error-status", "429", "retry-after", "3s"));
		HttpResponse<String> response = send("hello", false, "");
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).hasValue("3");
		assertThat(response.body()).contains("rate_limit_exceeded");
	}

	@Test
	void aRetryAfterOnAnyStatus() throws Exception {
		configure(Map.of("error-rate", "1", "error-status", "503", "retry-after", "2s"));
		HttpResponse<String> response = send("hello", false, "");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("retry-after")).hasValue("2");
	}

	@Test
	void aRealErrorShape() throws Exception {
		configure(Map.of("error-shape", "azure-content-filter"));
		HttpResponse<String> response = send("hello", false, "");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("content_filter").contains("ResponsibleAIPolicyViolation");
	}

	@Test
	void anErrorInsideAStreamAfterSomeTokens() throws Exception {
		configure(Map.of("error-rate", "1", "error-status", "500", "error-in-stream-after", "2", "answer",
				"one two three four"));
		HttpResponse<String> streamed = send("hello", true, "");
		assertThat(streamed.statusCode()).isEqualTo(200);
		assertThat(streamed.body()).contains("\"one\"").contains(" two").doesNotContain("three").contains("\"error\"");
		assertThat(send("hello", false, "").statusCode()).as("a call that does not stream gets the HTTP error")
			.isEqualTo(500);
	}

	@Test
	void failNextThenNormal() throws Exception {
		configure(Map.of("fail-next", "2", "error-status", "502", "answer", "fine"));
		assertThat(send("a", false, "").statusCode()).isEqualTo(502);
		assertThat(send("b", false, "").statusCode()).isEqualTo(502);
		HttpResponse<String> third = send("c", false, "");
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(third.body()).contains("fine");
	}

	@Test
	void theSameSeedGivesTheSameErrors() throws Exception {
		StringBuilder first = new StringBuilder();
		StringBuilder second = new StringBuilder();
		for (StringBuilder run : new StringBuilder[] { first, second }) {
			this.sim.reset();
			configure(Map.of("error-rate", "0.5", "seed", "7"));
			for (int i = 0; i < 12; i++) {
				run.append(send("q" + i, false, "").statusCode()).append(' ');
			}
		}
		assertThat(first.toString()).isEqualTo(second.toString()).contains("503").contains("200");
	}

	@Test
	void aHangingModelNeverAnswers() {
		configure(Map.of("hang", "true"));
		assertThatThrownBy(() -> send("hello", false, "", Duration.ofMillis(500)))
			.isInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void aStreamCutAfterSomeTokens() throws Exception {
		configure(Map.of("cut-stream-after", "2", "answer", "one two three four"));
		assertThatThrownBy(() -> send("hello", true, "")).as("the connection is dropped mid-stream")
			.isInstanceOf(IOException.class);
		assertThat(send("hello", false, "").body()).as("calls that do not stream are unaffected")
			.contains("one two three four");
	}

	@Test
	void chunkDelayBetweenStreamedChunks() throws Exception {
		configure(Map.of("chunk-delay", "150ms", "min-latency", "0ms", "max-latency", "0ms", "answer",
				"one two three four five"));
		long start = System.nanoTime();
		HttpResponse<String> response = send("hello", true, "");
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.body()).contains("[DONE]");
		// a lower bound only: five chunks cannot arrive sooner than four delays apart
		assertThat(millis).isGreaterThanOrEqualTo(600);
	}

	@Test
	void aContextWindow() throws Exception {
		configure(Map.of("context-window", "10"));
		assertThat(send("short", false, "").statusCode()).isEqualTo(200);
		HttpResponse<String> tooLong = send("x".repeat(200), false, "");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.body()).contains("context_length_exceeded");
	}

	@Test
	void honourMaxTokensCutsLongAnswers() throws Exception {
		configure(Map.of("honour-max-tokens", "true", "answer", "one two three four five six seven eight nine ten"));
		HttpResponse<String> response = send("hello", false, ", \"max_tokens\": 2");
		assertThat(response.body()).contains("\"finish_reason\":\"length\"");
	}

	@Test
	void aToolCallThenTheToolAnswer() throws Exception {
		configure(Map.of("tool-call.name", "orderStatus", "tool-call.arguments", "{\"orderId\": \"A-1001\"}",
				"tool-answer", "Your order: {tool-result}"));
		String tools = ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"orderStatus\", "
				+ "\"parameters\": {\"type\": \"object\"}}}]";
		HttpResponse<String> call = send("Where is my order?", false, tools);
		assertThat(call.body()).contains("\"tool_calls\"").contains("orderStatus").contains("A-1001");
		String body = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Where is my order?\"}, "
				+ "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", \"function\": "
				+ "{\"name\": \"orderStatus\", \"arguments\": \"{}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": \"c1\", "
				+ "\"content\": \"shipped\"}]" + tools + "}";
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/v1/chat/completions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.body()).contains("Your order: shipped");
	}

	@Test
	void scriptedRepliesWithGroupsBeforeTheAnswerTemplate() throws Exception {
		configure(Map.of("replies[0].when", "(?i)capital of ([A-Za-z ]+?)\\?", "replies[0].answer",
				"{\"country\": \"$1\"}", "answer", "[m] {prompt}"));
		assertThat(send("What is the capital of Peru?", false, "").body()).contains("{\\\"country\\\": \\\"Peru\\\"}");
		assertThat(send("Hello there", false, "").body()).contains("[m] Hello there");
	}

	@Test
	void aBadReplyOrShapeFailsNamingTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> configure(Map.of("replies[0].when", "(unclosed")))
			.withMessageContaining("sample.simulator.models.m.replies[0]");
		assertThatIllegalStateException()
			.isThrownBy(() -> configure(Map.of("replies[0].when", "(?i)x", "replies[0].answer", "y", "replies[1].when",
					"(unclosed", "replies[1].answer", "z")))
			.withMessageContaining("sample.simulator.models.m.replies[1].when");
		assertThatIllegalStateException().isThrownBy(() -> configure(Map.of("error-shape", "no-such-shape")))
			.withMessageContaining("sample.simulator.models.m.error-shape");
	}

}
