package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member given a real provider error shape ({@code error-shape=insufficient-quota}:
 * OpenAI's 429 {@code insufficient_quota}) is marked unavailable for account trouble,
 * every request fails over, and the endpoint and health say so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.simulator.models.sim-nano.error-shape=insufficient-quota",
				"sample.simulator.models.sim-nano.error-rate=1.0", "llm.cache.exact.enabled=false",
				"llm.cache.semantic.enabled=false" })
class ErrorShapeFailoverTests {

	@LocalServerPort
	private int port;

	@Test
	void quotaExhaustedMemberIsUnavailableOnTheEndpointAndRequestsFailOver() {
		HttpJson http = new HttpJson(this.port);
		for (int i = 0; i < 3; i++) {
			HttpJson.Response response = http.post("/chat",
					"{\"message\": \"Is message " + i + " spam?\", \"task\": \"classification\"}");
			assertThat(response.status()).as("request %d", i).isEqualTo(200);
			assertThat(response.body().get("receipt").get("member").asString()).isEqualTo("small-sim-haiku");
		}
		JsonNode small = http.get("/actuator/llm-routes/small").body();
		JsonNode nano = small.get("members").get(0);
		assertThat(nano.get("id").asString()).isEqualTo("small-sim-nano");
		assertThat(nano.get("status").asString()).isEqualTo("UNAVAILABLE");
		JsonNode decisions = http.get("/actuator/llm-routes").body().get("recentDecisions");
		JsonNode first = decisions.get(decisions.size() - 1).get("attempts").get(0);
		JsonNode last = decisions.get(0).get("attempts").get(0);
		assertThat(first.get("member").asString()).isEqualTo("small-sim-nano");
		assertThat(first.get("failure").asString()).as("the attempt says why").isEqualTo("ACCOUNT");
		assertThat(last.get("outcome").asString()).as("later requests skip the member").isNotEqualTo("FAILED");
		JsonNode health = http.get("/actuator/health").body().get("components").get("llmrouting");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("unavailableMembers").get(0).asString()).isEqualTo("small-sim-nano");
	}

}
