package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's fault hook over real HTTP: every model down makes a request fail with 503
 * and its receipt (no stack trace); clearing the faults and the breakers brings answers
 * back, tagged per generated answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.fault-control.enabled=true",
				"sample.fault-control.tag-answers=true", "sample.fault-control.instance=a",
				"management.endpoint.llmroutes.access=unrestricted", "llm.cache.exact.enabled=false",
				"llm.cache.semantic.enabled=false" })
class FaultControlTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] MODELS = { "sim-nano", "sim-haiku", "sim-mini", "sim-sonnet", "sim-frontier",
			"sim-opus" };

	@LocalServerPort
	private int port;

	@Test
	void everyModelDownIsA503WithTheReceiptAndClearingFaultsRestoresAnswers() {
		RawHttp http = new RawHttp(this.port);
		StringBuilder faults = new StringBuilder("{\"seed\": 7, \"models\": {");
		for (int i = 0; i < MODELS.length; i++) {
			faults.append((i > 0) ? "," : "").append('"').append(MODELS[i]).append("\": {\"down\": true}");
		}
		assertThat(http.postJson("/sample/faults", faults.append("}}").toString()).status()).isEqualTo(200);
		RawHttp.Answer failed = http.postJson("/chat", "{\"message\": \"hello there\"}");
		assertThat(failed.status()).isEqualTo(503);
		JsonNode body = JSON.readTree(failed.body());
		assertThat(body.get("kind").asString()).isEqualTo("routing-failed");
		assertThat(body.get("receipt").get("attempts").size()).isPositive();
		assertThat(failed.leaksStack()).isFalse();

		assertThat(http.delete("/sample/faults").status()).isEqualTo(200);
		for (String model : MODELS) {
			String member = JSON.readTree(http.get("/actuator/llm-routes").body())
				.findValues("id")
				.stream()
				.map(JsonNode::asString)
				.filter((id) -> id.endsWith(model))
				.findFirst()
				.orElseThrow();
			http.postJson("/actuator/llm-routes/" + member, "{\"action\": \"reset\"}");
		}
		RawHttp.Answer first = http.postJson("/chat", "{\"message\": \"hello again\"}");
		RawHttp.Answer second = http.postJson("/chat", "{\"message\": \"hello again\"}");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		String a = JSON.readTree(first.body()).get("answer").asString();
		String b = JSON.readTree(second.body()).get("answer").asString();
		assertThat(a).matches("(?s).* #a-\\d+").isNotEqualTo(b);
	}

	@Test
	void diagnosticsReportHeapThreadsAndTheBoundedSimulatorLog() {
		JsonNode body = JSON.readTree(new RawHttp(this.port).get("/sample/diagnostics").body());
		assertThat(body.get("heapAfterGcBytes").asLong()).isPositive();
		assertThat(body.get("liveThreads").asInt()).isPositive();
		assertThat(body.get("simulatorLogCapacity").asInt()).isEqualTo(100);
	}

}
