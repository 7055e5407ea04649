package dev.orchestration.test.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The real provider error shapes on the wire: raw Azure bodies, reset headers, and SSE
 * error events after HTTP 200.
 */
class SimulatedErrorShapesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void azureContentFilterIsSentWithANullTypeAndTheInnerError() throws Exception {
		this.sim.model("m").failWith(SimulatedError.azureContentFilter());
		HttpResponse<String> response = post("/v1/chat/completions", openAi("m", false));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.has("type")).isTrue();
		assertThat(error.path("type").isNull()).isTrue();
		assertThat(error.path("code").asString()).isEqualTo("content_filter");
		assertThat(error.path("innererror").path("code").asString()).isEqualTo("ResponsibleAIPolicyViolation");
		assertThat(
				error.path("innererror").path("content_filter_result").path("self_harm").path("filtered").asBoolean())
			.isTrue();
	}

	@Test
	void azureRateLimitSendsNoTypeAndBothRetryHeaders() throws Exception {
		this.sim.model("m").failWith(SimulatedError.azureRateLimited(Duration.ofSeconds(20)));
		HttpResponse<String> response = post("/v1/chat/completions", openAi("m", false));
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).hasValue("20");
		assertThat(response.headers().firstValue("retry-after-ms")).hasValue("20000");
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.has("type")).isFalse();
		assertThat(error.path("code").asString()).isEqualTo("429");
	}

	@Test
	void resetHeadersUseEachProvidersFormat() throws Exception {
		this.sim.model("m").failWith(SimulatedError.rateLimitedWithResetHeaders(Duration.ofMinutes(6)));
		HttpResponse<String> openAi = post("/v1/chat/completions", openAi("m", false));
		assertThat(openAi.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("6m0s");
		assertThat(openAi.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
		assertThat(openAi.headers().firstValue("retry-after")).isEmpty();
		HttpResponse<String> anthropic = post("/v1/messages", anthropic("m", false));
		Instant reset = Instant.parse(anthropic.headers().firstValue("anthropic-ratelimit-input-tokens-reset").get());
		assertThat(Duration.between(Instant.now(), reset)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
		assertThat(anthropic.headers().firstValue("anthropic-ratelimit-input-tokens-remaining")).hasValue("0");
	}

	@Test
	void goDurationsLookLikeOpenAis() {
		assertThat(OpenAiProtocol.goDuration(Duration.ofMillis(20))).isEqualTo("20ms");
		assertThat(OpenAiProtocol.goDuration(Duration.ofSeconds(1))).isEqualTo("1s");
		assertThat(OpenAiProtocol.goDuration(Duration.ofMinutes(6))).isEqualTo("6m0s");
		assertThat(OpenAiProtocol.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(OpenAiProtocol.goDuration(Duration.ofHours(1))).isEqualTo("1h0m0s");
	}

	@Test
	void anthropicStreamErrorIsAnErrorEventAfterHttp200() throws Exception {
		this.sim.model("m").answer("alpha beta gamma delta").failWith(SimulatedError.overloaded().inStream(2));
		HttpResponse<String> response = post("/v1/messages", anthropic("m", true));
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat(body).contains("event: error").contains("\"overloaded_error\"").doesNotContain("message_stop");
		assertThat(body.split("event: content_block_delta", -1)).as("two deltas before the error").hasSize(3);
		assertThat(body.indexOf("event: error")).isGreaterThan(body.lastIndexOf("content_block_delta"));
	}

	@Test
	void openAiStreamErrorIsADataErrorChunkAfterHttp200() throws Exception {
		this.sim.model("m").failWith(SimulatedError.serverError().inStream(0));
		HttpResponse<String> response = post("/v1/chat/completions", openAi("m", true));
		assertThat(response.statusCode()).isEqualTo(200);
		String first = response.body().lines().filter((l) -> l.startsWith("data: ")).findFirst().orElseThrow();
		JsonNode error = JSON.readTree(first.substring(6)).path("error");
		assertThat(error.path("type").asString()).isEqualTo("server_error");
		assertThat(response.body()).doesNotContain("finish_reason\":\"stop");
	}

	@Test
	void anInStreamErrorOnACallIsTheHttpError() throws Exception {
		this.sim.model("m").failWith(SimulatedError.overloaded().inStream(0));
		assertThat(post("/v1/messages", anthropic("m", false)).statusCode()).isEqualTo(529);
		assertThat(post("/v1/chat/completions", openAi("m", false)).statusCode()).isEqualTo(503);
	}

	@Test
	void everyNamedShapeRendersOnBothApis() throws Exception {
		for (String name : SimulatedError.shapeNames()) {
			this.sim.model("m").failWith(SimulatedError.shape(name));
			HttpResponse<String> openAi = post("/v1/chat/completions", openAi("m", false));
			HttpResponse<String> anthropic = post("/v1/messages", anthropic("m", false));
			assertThat(openAi.statusCode()).as(name).isBetween(400, 599);
			assertThat(anthropic.statusCode()).as(name).isBetween(400, 599);
			assertThat(JSON.readTree(openAi.body()).path("error").path("message").asString()).as(name).isNotBlank();
			assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asString()).as(name).isNotBlank();
		}
	}

	@Test
	void anUnknownShapeNameListsTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedError.shape("teapot"))
			.withMessageContaining("azure-content-filter")
			.withMessageContaining("stream-overloaded");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String openAi(String model, boolean stream) {
		return "{\"model\":\"" + model + "\",\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
	}

	private static String anthropic(String model, boolean stream) {
		return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
	}

}
