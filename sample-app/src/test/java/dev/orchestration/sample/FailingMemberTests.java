package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member injected to fail every call: every request still succeeds through failover and
 * the member's breaker shows OPEN on the endpoint and in health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "sample.workload.requests=0",
		"sample.simulator.models.sim-nano.error-rate=1.0", "sample.simulator.models.sim-nano.error-status=503" })
class FailingMemberTests {

	@LocalServerPort
	private int port;

	@Test
	void everyRequestSucceedsThroughFailoverAndTheBreakerShowsOpen() {
		HttpJson http = new HttpJson(this.port);
		for (int i = 0; i < 12; i++) {
			HttpJson.Response response = http.post("/chat",
					"{\"message\": \"Is message " + i + " spam?\", \"task\": \"classification\"}");
			assertThat(response.status()).as("request %d", i).isEqualTo(200);
			assertThat(response.body().get("receipt").get("member").asString()).isEqualTo("small-sim-haiku");
		}
		JsonNode nano = http.get("/actuator/llm-routes/small").body().get("members").get(0);
		assertThat(nano.get("id").asString()).isEqualTo("small-sim-nano");
		assertThat(nano.get("breaker").get("state").asString()).isEqualTo("OPEN");
		assertThat(nano.get("breaker").get("notPermittedCalls").asLong()).isPositive();
		JsonNode health = http.get("/actuator/health").body().get("components").get("llmrouting");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("openBreakers").get(0).asString()).isEqualTo("small-sim-nano");
		JsonNode failovers = http.get("/actuator/metrics/llm.failovers").body();
		assertThat(failovers.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(12);
	}

}
