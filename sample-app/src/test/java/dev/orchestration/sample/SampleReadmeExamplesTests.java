package dev.orchestration.sample;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl examples, sent over real HTTP to the sample (the real simulator
 * behind it): each test checks that the README shows the request and the {@code jq}
 * filter it uses, sends the same request, picks the same fields as the filter and
 * compares them with the answer the README shows. The default fault rates of sim-nano and
 * sim-mini are off so that the order of the tests cannot matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "sample.workload.requests=0",
		"sample.simulator.models.sim-nano.error-rate=0", "sample.simulator.models.sim-mini.error-rate=0" })
class SampleReadmeExamplesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	/** Sends the example's request and compares the picked fields with the README. */
	private void check(String example, String path, String body, String jq, Function<JsonNode, JsonNode> pick) {
		List<String> blocks = Readme.blocksAfter("sample-example:" + example);
		String command = blocks.get(0);
		assertThat(command).as("the README's command").contains("localhost:8080" + path).contains("-d '" + body + "'");
		RawHttp.Answer answer = new RawHttp(this.port).postJson(path, body);
		JsonNode actual = JSON.readTree(answer.body());
		if (jq != null) {
			assertThat(command.replace("\\\n", "").replaceAll(" +", " ")).as("the README's jq filter")
				.contains("| jq '" + jq + "'");
			actual = pick.apply(actual);
		}
		assertThat(actual).as("the README's answer to " + path + " " + body).isEqualTo(JSON.readTree(blocks.get(1)));
	}

	private static ObjectNode object() {
		return JSON.createObjectNode();
	}

	@Test
	void chat() {
		check("chat", "/chat",
				"{\"message\": \"Is this spam? You won a prize\", \"task\": \"classification\", \"tenant\": \"acme\"}",
				"{answer, member: .receipt.member, reason: .receipt.route.reason, attempts: [.receipt.attempts[].outcome], cache}",
				(json) -> {
					ObjectNode out = object();
					out.set("answer", json.get("answer"));
					out.set("member", json.get("receipt").get("member"));
					out.set("reason", json.get("receipt").get("route").get("reason"));
					ArrayNode attempts = out.putArray("attempts");
					json.get("receipt").get("attempts").forEach((a) -> attempts.add(a.get("outcome")));
					out.set("cache", json.get("cache"));
					return out;
				});
	}

	@Test
	void aCascadeWithAJudge() {
		check("judge", "/chat", "{\"message\": \"How do I reset my password?\", \"task\": \"support\"}",
				"{answer, member: .receipt.member, reason: .receipt.route.reason, steps: [.cascade.steps[] | {member, verdicts: [.verdicts[].reason]}], cost: .cascade.cost}",
				(json) -> {
					ObjectNode out = object();
					out.set("answer", json.get("answer"));
					out.set("member", json.get("receipt").get("member"));
					out.set("reason", json.get("receipt").get("route").get("reason"));
					ArrayNode steps = out.putArray("steps");
					json.get("cascade").get("steps").forEach((step) -> {
						ObjectNode s = steps.addObject();
						s.set("member", step.get("member"));
						ArrayNode verdicts = s.putArray("verdicts");
						step.get("verdicts").forEach((v) -> verdicts.add(v.get("reason")));
					});
					out.set("cost", json.get("cascade").get("cost"));
					return out;
				});
	}

	@Test
	void aVote() {
		check("vote", "/chat",
				"{\"message\": \"Sentiment of this review: the battery died after one day.\", \"task\": \"sentiment\"}",
				"{answer, member: .receipt.member, vote: .cascade.steps[0].verdicts[1].reason, voters: [.cascade.steps[0].verdicts[1].candidates[] | {member, answerKey, status}]}",
				(json) -> {
					JsonNode vote = json.get("cascade").get("steps").get(0).get("verdicts").get(1);
					ObjectNode out = object();
					out.set("answer", json.get("answer"));
					out.set("member", json.get("receipt").get("member"));
					out.set("vote", vote.get("reason"));
					ArrayNode voters = out.putArray("voters");
					vote.get("candidates").forEach((c) -> {
						ObjectNode v = voters.addObject();
						v.set("member", c.get("member"));
						v.set("answerKey", c.get("answerKey"));
						v.set("status", c.get("status"));
					});
					return out;
				});
	}

	@Test
	void structuredOutputWithItsReceipt() {
		check("entity", "/chat/capital", "{\"country\": \"France\"}",
				"{capital, member: .receipt.member, reason: .receipt.route.reason}", (json) -> {
					ObjectNode out = object();
					out.set("capital", json.get("capital"));
					out.set("member", json.get("receipt").get("member"));
					out.set("reason", json.get("receipt").get("route").get("reason"));
					return out;
				});
	}

	@Test
	void aToolCall() {
		check("tool", "/chat/tools", "{\"message\": \"Where is my order A-1001?\"}",
				"{answer, toolCalls, member: .receipt.member, turns: .receipt.turns}", (json) -> {
					ObjectNode out = object();
					out.set("answer", json.get("answer"));
					out.set("toolCalls", json.get("toolCalls"));
					out.set("member", json.get("receipt").get("member"));
					out.set("turns", json.get("receipt").get("turns"));
					return out;
				});
	}

	@Test
	void aBudgetRefusal() {
		check("budget", "/chat", "{\"message\": \"hello\", \"tenant\": \"broke\"}", null, null);
	}

	@Test
	void aBadRequestSaysWhatWasWrong() {
		check("bad-request", "/chat/capital", "{\"country\": \"\"}", null, null);
	}

	@Test
	void theNewEndpointsSayWhatIsWrongWithABadRequest() {
		RawHttp http = new RawHttp(this.port);
		RawHttp.Answer tools = http.postJson("/chat/tools", "{\"message\": \" \"}");
		assertThat(tools.status()).isEqualTo(400);
		assertThat(JSON.readTree(tools.body()).get("error").asString()).isEqualTo("'message' must not be empty");
		RawHttp.Answer country = http.postJson("/chat/capital", "{\"country\": \"Fr4nce; DROP\"}");
		assertThat(country.status()).isEqualTo(400);
		assertThat(JSON.readTree(country.body()).get("error").asString())
			.startsWith("'country' must be a country name");
		RawHttp.Answer stream = http.postJson("/chat/stream", "{\"message\": \"hi\", \"tier\": \"gigantic\"}");
		assertThat(stream.status()).isEqualTo(400);
		assertThat(stream.body()).contains("gigantic").doesNotContain("\tat ");
	}

	@Test
	void aCountryTheModelsDoNotKnowHasNoCity() {
		JsonNode answer = JSON
			.readTree(new RawHttp(this.port).postJson("/chat/capital", "{\"country\": \"Peru\"}").body());
		assertThat(answer.get("capital").get("country").asString()).isEqualTo("Peru");
		assertThat(answer.get("capital").get("city").isNull()).isTrue();
	}

	@Test
	void aStreamReadAsAnSseClientReadsItIsTheAnswer() {
		String message = "{\"message\": \"Name three colours\"}";
		RawHttp.Answer stream = new RawHttp(this.port).postJson("/chat/stream?receipt=true", message);
		assertThat(stream.status()).isEqualTo(200);
		Sse events = Sse.parse(stream.body());
		assertThat(events.text()).isEqualTo("[sim-nano] Quick answer to: Name three colours");
		assertThat(events.last()).isEqualTo("[DONE]");
		JsonNode receipt = JSON.readTree(events.named("receipt"));
		assertThat(receipt.get("member").asString()).isEqualTo("small-sim-nano");
		assertThat(receipt.get("streamed").asBoolean()).isTrue();
		assertThat(Sse.parse(new RawHttp(this.port).postJson("/chat/stream", message).body()).named("receipt"))
			.as("the receipt event is opt-in")
			.isNull();
	}

}
