package dev.orchestration.it.review;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.eval.EvalCase;
import dev.orchestration.test.eval.EvalCaseFile;
import dev.orchestration.test.eval.EvalDataset;
import dev.orchestration.test.eval.EvalRunner;
import dev.orchestration.test.eval.Grader;
import dev.orchestration.test.eval.Policy;
import dev.orchestration.test.eval.PolicyRun;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code llmreviews} endpoint of a real web server, over HTTP: open reviews listed,
 * one resolved with a verdict (first resolution wins), and resolved reviews exported as
 * eval cases that the eval runner loads and runs.
 */
@SpringBootTest(classes = ReviewEndpointHttpTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "llm.tiers.small.models[0].provider=openai", "llm.tiers.small.models[0].model=cheap",
				"llm.tiers.large.models[0].provider=anthropic", "llm.tiers.large.models[0].model=strong",
				"llm.routing.default-tier=small", "llm.cascade.enabled=true", "llm.cascade.path=small,large",
				"llm.cascade.verifiers=pattern", "llm.cascade.pattern=^\\d+$", "llm.review.enabled=true",
				"llm.review.include-prompt=true", "llm.cache.exact.enabled=false", "llm.cache.semantic.enabled=false",
				"management.endpoints.web.exposure.include=llmreviews",
				"management.endpoint.llmreviews.access=unrestricted" })
class ReviewEndpointHttpTests {

	@RegisterExtension
	static final ProviderSimulatorExtension provider = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator simulator = provider.simulator();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("llm.providers.openai.api", () -> "openai");
		registry.add("llm.providers.openai.base-url", () -> provider.baseUrl() + "/v1");
		registry.add("llm.providers.openai.api-key", () -> "test-key");
		registry.add("llm.providers.anthropic.api", () -> "anthropic");
		registry.add("llm.providers.anthropic.base-url", provider::baseUrl);
		registry.add("llm.providers.anthropic.api-key", () -> "test-key");
	}

	@LocalServerPort
	int port;

	@Autowired
	RoutingChatClient chat;

	@BeforeEach
	void answersThatFailThePattern() {
		simulator.model("cheap").answer("forty-two");
		simulator.model("strong").answer("six times seven");
	}

	@Test
	void aReviewIsListedAndResolvedOverHttpAndTheFirstResolutionWins() throws Exception {
		String id = reviewOf("What is six times seven?");

		JsonNode open = get("/actuator/llm-reviews", 200);
		assertThat(open.get("state").asString()).isEqualTo("open");
		assertThat(open.get("count").asInt()).isEqualTo(open.get("reviews").size()).isPositive();
		JsonNode listed = find(open.get("reviews"), id);
		assertThat(listed.at("/request/answer").asString()).isEqualTo("six times seven");
		assertThat(listed.at("/request/prompt").asString()).isEqualTo("What is six times seven?");
		assertThat(listed.at("/request/reason").asString()).isEqualTo("UNVERIFIED");
		assertThat(listed.at("/request/cause").asString()).isEqualTo("end-of-path");
		assertThat(listed.at("/request/receipt/steps")).hasSize(2);
		assertThat(get("/actuator/llm-reviews/" + id, 200).at("/request/id").asString()).isEqualTo(id);

		JsonNode resolved = post("/actuator/llm-reviews/" + id,
				Map.of("verdict", "corrected", "correctedAnswer", "42", "note", "spelled out", "reviewer", "alice"),
				200);
		assertThat(resolved.at("/resolution/verdict").asString()).isEqualTo("CORRECTED");
		assertThat(resolved.at("/resolution/correctedAnswer").asString()).isEqualTo("42");
		JsonNode again = post("/actuator/llm-reviews/" + id, Map.of("verdict", "approved"), 409);
		assertThat(again.at("/resolution/reviewer").asString()).isEqualTo("alice");
		assertThat(find(get("/actuator/llm-reviews?state=resolved", 200).get("reviews"), id)).isNotNull();

		String other = reviewOf("Seven times six?");
		post("/actuator/llm-reviews/" + other, Map.of("verdict", "maybe"), 400);
		post("/actuator/llm-reviews/" + other, Map.of("verdict", "corrected"), 400);
		JsonNode stillOpen = get("/actuator/llm-reviews/" + other, 200).path("resolution");
		assertThat(stillOpen.isNull() || stillOpen.isMissingNode()).as("a refused resolution leaves the review open")
			.isTrue();
		post("/actuator/llm-reviews/no-such-review", Map.of("verdict", "approved"), 404);
		get("/actuator/llm-reviews/no-such-review", 404);
	}

	@Test
	void resolvedReviewsExportAsEvalCasesTheRunnerLoads(@TempDir Path dir) throws Exception {
		String approved = reviewOf("Spell six times seven");
		String corrected = reviewOf("Compute six times seven");
		String rejected = reviewOf("Six times seven in words?");
		post("/actuator/llm-reviews/" + approved, Map.of("verdict", "approved", "reviewer", "bob"), 200);
		post("/actuator/llm-reviews/" + corrected, Map.of("verdict", "corrected", "correctedAnswer", "42"), 200);
		post("/actuator/llm-reviews/" + rejected, Map.of("verdict", "rejected", "note", "off topic"), 200);

		Path file = dir.resolve("reviewed.json");
		Files.writeString(file, body("/actuator/llm-reviews?state=eval-cases", 200));
		EvalDataset dataset = EvalCaseFile.read(file);

		EvalCase approvedCase = byId(dataset, approved);
		assertThat(approvedCase.prompt()).isEqualTo("Spell six times seven");
		assertThat(approvedCase.expected()).isEqualTo("six times seven");
		assertThat(approvedCase.recorded()).containsEntry("strong", 1.0).containsEntry("large", 1.0);
		assertThat(approvedCase.metadata()).containsEntry("verdict", "approved").containsEntry("reviewer", "bob");
		EvalCase correctedCase = byId(dataset, corrected);
		assertThat(correctedCase.expected()).isEqualTo("42");
		assertThat(correctedCase.recorded()).containsEntry("strong", 0.0);
		EvalCase rejectedCase = byId(dataset, rejected);
		assertThat(rejectedCase.expected()).isNull();
		assertThat(rejectedCase.metadata()).containsEntry("note", "off topic");

		PolicyRun run = EvalRunner.builder(Grader.recorded())
			.progressTo(null)
			.build()
			.run(dataset.filter("reviewed", (c) -> c.id().equals(approved) || c.id().equals(corrected)),
					Policy.forcedTier(this.chat, "large"));
		assertThat(run.cases()).extracting((c) -> c.id() + "=" + c.passed())
			.as("graded by the reviewers' labels of the model that served")
			.containsExactlyInAnyOrder(approved + "=true", corrected + "=false");
	}

	private String reviewOf(String question) {
		CascadeReceipt receipt = CascadeReceipt.from(this.chat.prompt().user(question).call().chatResponse())
			.orElseThrow();
		assertThat(receipt.needsReview()).isTrue();
		return receipt.review().id();
	}

	private static EvalCase byId(EvalDataset dataset, String id) {
		return dataset.cases().stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

	private static JsonNode find(JsonNode reviews, String id) {
		for (JsonNode review : reviews) {
			if (id.equals(review.at("/request/id").asString())) {
				return review;
			}
		}
		throw new AssertionError("review " + id + " not in " + reviews);
	}

	private JsonNode get(String path, int status) throws IOException, InterruptedException {
		return JSON.readTree(body(path, status));
	}

	private String body(String path, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(status);
		return response.body();
	}

	private JsonNode post(String path, Map<String, String> body, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	@SpringBootApplication
	static class Application {

	}

}
