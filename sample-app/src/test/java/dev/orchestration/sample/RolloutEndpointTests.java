package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout on {@code /actuator/llm-routes} over real HTTP: the configuration version
 * and a canary's state, the canary write operations (pause, resume, advance, roll-back),
 * and reloads: a refused change names the property and the fix and leaves the version; an
 * accepted one is the next version and routes new requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "management.endpoint.llmroutes.access=unrestricted",
				"llm.cache.exact.enabled=false", "llm.cache.semantic.enabled=false",
				"llm.rollout.evaluation-interval=0" })
@ActiveProfiles("rollout-test")
class RolloutEndpointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CANARY = "/actuator/llm-routes/mid-sim-sonnet";

	@LocalServerPort
	private int port;

	@Test
	void showsTheCanaryAndPausesResumesAdvancesAndRollsItBack() {
		RawHttp http = new RawHttp(this.port);
		JsonNode rollout = JSON.readTree(http.get("/actuator/llm-routes").body()).get("rollout");
		assertThat(rollout.get("configVersion").asLong()).isPositive();
		JsonNode canary = rollout.get("canaries").get(0);
		assertThat(canary.get("member").asString()).isEqualTo("mid-sim-sonnet");
		assertThat(canary.get("sharePercent").asDouble()).isEqualTo(10.0);
		assertThat(canary.get("nextSharePercent").asDouble()).isEqualTo(50.0);
		assertThat(canary.get("nextStepAt").isNull()).isFalse();

		assertThat(state(http.postJson(CANARY, "{\"action\": \"pause\"}"))).isEqualTo("PAUSED");
		assertThat(state(http.postJson(CANARY, "{\"action\": \"resume\"}"))).isEqualTo("RAMPING");
		RawHttp.Answer advanced = http.postJson(CANARY, "{\"action\": \"advance\"}");
		assertThat(JSON.readTree(advanced.body()).get("canary").get("sharePercent").asDouble()).isEqualTo(50.0);
		RawHttp.Answer rolledBack = http.postJson(CANARY, "{\"action\": \"roll-back\"}");
		assertThat(state(rolledBack)).isEqualTo("ROLLED_BACK");
		assertThat(JSON.readTree(rolledBack.body()).get("canary").get("rollbackReason").asString())
			.isEqualTo("rolled back by an operator");
		assertThat(http.postJson("/actuator/llm-routes/mid-sim-mini", "{\"action\": \"advance\"}").status())
			.as("a member that is no canary")
			.isEqualTo(404);
	}

	@Test
	void aRefusedReloadNamesThePropertyAndAnAcceptedOneIsTheNextVersion() {
		RawHttp http = new RawHttp(this.port);
		long version = JSON.readTree(http.get("/actuator/llm-routes").body())
			.get("rollout")
			.get("configVersion")
			.asLong();
		RawHttp.Answer refused = http.postJson("/actuator/llm-routes",
				"{\"properties\": \"llm.tiers.mid.models[0].weight=-2\"}");
		assertThat(refused.status()).isEqualTo(400);
		JsonNode outcome = JSON.readTree(refused.body());
		assertThat(outcome.has("property")).as(refused.body()).isTrue();
		assertThat(outcome.get("property").asString()).isEqualTo("llm.tiers.mid.models[0].weight");
		assertThat(outcome.get("fix").asString()).contains("weight of 0 or more");
		JsonNode rollout = JSON.readTree(http.get("/actuator/llm-routes").body()).get("rollout");
		assertThat(rollout.get("configVersion").asLong()).isEqualTo(version);
		assertThat(rollout.get("lastRefused").get("property").asString()).isEqualTo("llm.tiers.mid.models[0].weight");

		RawHttp.Answer accepted = http.postJson("/actuator/llm-routes",
				"{\"properties\": \"llm.routing.default-tier=small\\nllm.tiers.mid.models[0].weight=1\"}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(JSON.readTree(accepted.body()).get("version").asLong()).isEqualTo(version + 1);
		assertThat(http.postJson("/chat", "{\"message\": \"Tell me something about the history of tea, please.\"}")
			.status()).isEqualTo(200);
		JsonNode routes = JSON.readTree(http.get("/actuator/llm-routes").body());
		assertThat(routes.get("routing").get("defaultTier").asString()).isEqualTo("small");
		assertThat(routes.get("rollout").get("configVersion").asLong()).isEqualTo(version + 1);
		JsonNode decision = routes.get("recentDecisions").get(routes.get("recentDecisions").size() - 1);
		assertThat(decision.get("configVersion").asLong()).isEqualTo(version + 1);
		assertThat(decision.get("route").get("tier").asString()).isEqualTo("small");
	}

	private static String state(RawHttp.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return JSON.readTree(answer.body()).get("canary").get("state").asString();
	}

}
