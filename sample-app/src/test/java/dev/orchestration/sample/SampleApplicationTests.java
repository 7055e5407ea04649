package dev.orchestration.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=6", "sample.simulator.models.sim-nano.error-rate=0",
				"sample.simulator.models.sim-mini.error-rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Test
	void chatAnswersWithAReceipt() {
		HttpJson.Response response = new HttpJson(this.port).post("/chat",
				"{\"message\": \"Is this spam? 'You won'\", \"task\": \"classification\", \"tenant\": \"acme\"}");
		assertThat(response.status()).isEqualTo(200);
		JsonNode receipt = response.body().get("receipt");
		assertThat(response.body().get("answer").asString()).startsWith("[sim-nano]");
		assertThat(receipt.get("tier").asString()).isEqualTo("small");
		assertThat(receipt.get("member").asString()).isEqualTo("small-sim-nano");
		assertThat(receipt.get("route").get("reason").asString()).contains("task=classification");
		assertThat(receipt.get("attempts")).hasSize(1);
		assertThat(receipt.get("cost").asDouble()).isPositive();
	}

	@Test
	void aRepeatedQuestionIsServedFromTheCacheWithinItsTenantOnly() {
		HttpJson http = new HttpJson(this.port);
		JsonNode first = chat(http, "How do I change my e-mail address?", "t1");
		JsonNode again = chat(http, "  how do I change my e-mail   address ", "t1");
		JsonNode reworded = chat(http, "How can I change my e-mail address?", "t1");
		JsonNode otherTenant = chat(http, "How do I change my e-mail address?", "t2");
		assertThat(first.get("cache").isNull()).isTrue();
		assertThat(again.get("cache").get("layer").asString()).isEqualTo("exact");
		assertThat(again.get("answer").asString()).isEqualTo(first.get("answer").asString());
		assertThat(reworded.get("cache").isNull())
			.as("the default semantic threshold (measured on Quora pairs) only serves near-identical questions")
			.isTrue();
		assertThat(otherTenant.get("cache").isNull()).isTrue();
		assertThat(http.get("/actuator/llm-routes").body().get("cache").get("layers").get("exact").get("hits").asLong())
			.isPositive();
	}

	private static JsonNode chat(HttpJson http, String message, String tenant) {
		return http.post("/chat", "{\"message\": \"" + message + "\", \"tenant\": \"" + tenant + "\"}").body();
	}

	@Test
	void unknownTierHintIsABadRequest() {
		HttpJson.Response response = new HttpJson(this.port).post("/chat",
				"{\"message\": \"hello\", \"tier\": \"gigantic\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("error").asString()).contains("gigantic");
	}

	@Test
	void endpointListsTiersMembersBreakersRulesAndRecentDecisionsWithoutPrompts() {
		HttpJson http = new HttpJson(this.port);
		http.post("/chat", "{\"message\": \"Explain the difference between TCP and UDP in detail.\"}");
		HttpJson.Response routes = http.get("/actuator/llm-routes");
		assertThat(routes.status()).isEqualTo(200);
		List<String> tiers = new ArrayList<>();
		routes.body().get("tiers").forEach((tier) -> tiers.add(tier.get("name").asString()));
		assertThat(tiers).containsExactly("small", "mid", "frontier");
		JsonNode nano = routes.body().get("tiers").get(0).get("members").get(0);
		assertThat(nano.get("id").asString()).isEqualTo("small-sim-nano");
		assertThat(nano.get("breaker").get("state").asString()).isEqualTo("CLOSED");
		assertThat(nano.get("stats").get("requests").asLong()).isPositive();
		assertThat(routes.body().get("routing").get("rules").get(0).asString())
			.isEqualTo("rule[0] task=classification -> small");
		JsonNode latest = routes.body().get("recentDecisions").get(0);
		assertThat(latest.get("route").get("layer").asString()).isEqualTo("DEFAULT");
		assertThat(latest.get("servedBy").asString()).isEqualTo("mid-sim-mini");
		assertThat(latest.get("prompt").isNull()).as("prompts hidden unless opted in").isTrue();
		assertThat(http.get("/actuator/llm-routes/mid").body().get("members")).hasSize(2);
	}

	@Test
	void breakerWriteOperationsAreOffByDefault() {
		HttpJson.Response response = new HttpJson(this.port).post("/actuator/llm-routes/small-sim-nano",
				"{\"action\": \"force-open\"}");
		assertThat(response.status()).as("no write operation without management.endpoint.llmroutes.access")
			.isEqualTo(405);
	}

	@Test
	void startupWorkloadPrintsASummary(CapturedOutput output) {
		assertThat(output.getOut()).contains("=== Workload summary: 6 requests, 0 failed ===")
			.contains("Served from cache:")
			.contains("Refused by budget:")
			.contains("Paid answers per tier:")
			.contains("of frontier cost")
			.containsPattern("chat +6 +\\d+ +0 +\\d+ +\\$")
			.as("only the features the first six requests reach")
			.doesNotContain("judge (support)")
			.contains("Breaker transitions:");
	}

}
