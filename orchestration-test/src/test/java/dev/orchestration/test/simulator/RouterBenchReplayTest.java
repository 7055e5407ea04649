package dev.orchestration.test.simulator;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replay of recorded RouterBench answers (MBPP train split) through the simulator.
 */
class RouterBenchReplayTest {

	private static final String GPT4 = "gpt-4-1106-preview";

	private static final double GPT4_IN = 10.0;

	private static final double GPT4_OUT = 30.0;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RouterBenchDataset mbpp;

	private static ProviderSimulator sim;

	static Path dataFile(String relative) {
		String dir = System.getProperty("orchestration.data.dir");
		if (dir == null || dir.isBlank()) {
			fail("System property 'orchestration.data.dir' is not set. Run through Maven (surefire sets it to "
					+ "../shared/data relative to the reactor root) or pass -Dorchestration.data.dir=/path/to/data "
					+ "pointing at the folder that holds routerbench/" + relative.substring(relative.indexOf('/') + 1));
		}
		Path file = Path.of(dir).resolve(relative);
		if (!Files.isRegularFile(file)) {
			fail("RouterBench data file not found: " + file.toAbsolutePath() + ". Put the evaluation data folder "
					+ "(routerbench/*.csv, see shared/data/README.md) at ../shared/data next to the repository, or "
					+ "run with -Dorchestration.data.dir=/path/to/data. The data is never copied into the repository.");
		}
		return file;
	}

	@BeforeAll
	static void load() {
		mbpp = RouterBenchDataset.load(dataFile("routerbench/mbpp_train.csv"));
		sim = ProviderSimulator.start();
	}

	@AfterAll
	static void stop() {
		sim.close();
	}

	@BeforeEach
	void reset() {
		sim.reset();
	}

	@Test
	void loadsTheWideCsv() {
		assertThat(mbpp.size()).isEqualTo(299);
		assertThat(mbpp.models()).hasSize(11).contains(GPT4, "mistralai/mixtral-8x7b-chat", "claude-v2");
		RouterBenchRow first = mbpp.rows().get(0);
		assertThat(first.sampleId()).isEqualTo("mbpp.dev.92");
		assertThat(first.evalName()).isEqualTo("mbpp");
		assertThat(first.prompt())
			.isEqualTo("Write a function to remove all elements from a given list present in another list.");
		assertThat(first.correct(GPT4)).isEqualTo(1.0);
		assertThat(first.cost(GPT4)).isEqualTo(0.0064);
		assertThat(first.response(GPT4)).startsWith("Certainly! Below is a Python function").contains("\n```python\n");
		assertThat(first.response("gpt-3.5-turbo-1106")).contains("def remove_elements_from_list(main_list, elements_to_remove):\n");
		double accuracy = mbpp.rows().stream().mapToDouble(r -> r.correct(GPT4)).average().orElseThrow();
		assertThat(accuracy).isBetween(0.68, 0.69);
		assertThat(mbpp.rowsWith(GPT4, "gpt-3.5-turbo-1106")).hasSize(299);
	}

	@Test
	void dedupesOnSampleIdAndFiltersMissingValues() {
		RouterBenchDataset arc = RouterBenchDataset.load(dataFile("routerbench/arc_challenge_train.csv"));
		assertThat(arc.size()).as("1,039 rows, 7 repeated sample ids").isEqualTo(1032);
		assertThat(arc.rows()).extracting(RouterBenchRow::sampleId).doesNotHaveDuplicates();
		assertThat(arc.rowsWith(GPT4)).hasSize(1027);
		assertThat(arc.rows().stream().filter(r -> !r.has(GPT4)).findFirst().orElseThrow().cost(GPT4)).isNaN();
	}

	@Test
	void replaysRecordedAnswersWithCostConsistentUsage() throws Exception {
		sim.model("gpt-4-replay").replay(mbpp, GPT4, GPT4_IN, GPT4_OUT);
		HttpClient http = HttpClient.newHttpClient();
		List<RouterBenchRow> sample = mbpp.rows().subList(0, 25);
		for (RouterBenchRow row : sample) {
			String body = JSON.writeValueAsString(JSON.createObjectNode()
				.put("model", "gpt-4-replay")
				.set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content",
						row.prompt()))));
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode json = JSON.readTree(response.body());
			assertThat(json.path("choices").get(0).path("message").path("content").asString())
				.isEqualTo(row.response(GPT4));
			int prompt = json.path("usage").path("prompt_tokens").asInt();
			int completion = json.path("usage").path("completion_tokens").asInt();
			assertThat(prompt).isEqualTo(TokenEstimator.estimate(row.prompt()));
			double cost = prompt * GPT4_IN / 1e6 + completion * GPT4_OUT / 1e6;
			// rounding to whole tokens: within half an output token of the recorded cost
			assertThat(Math.abs(cost - row.cost(GPT4))).as(row.sampleId()).isLessThanOrEqualTo(GPT4_OUT / 2e6 + 1e-12);
		}
		assertThat(sim.model("gpt-4-replay").callCount()).isEqualTo(25);
	}

	@Test
	void replayThroughSpringAiWithWhitespaceNormalisedMatching() {
		sim.model("mixtral").replay(mbpp, "mistralai/mixtral-8x7b-chat");
		OpenAiChatModel client = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(sim.baseUrl() + "/v1")
				.apiKey("test")
				.model("mixtral")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(5))
				.build())
			.build();
		RouterBenchRow row = mbpp.rows().get(3);
		String sloppy = "  " + row.prompt().replace(" ", "   ") + "\n";
		ChatResponse response = client.call(new Prompt(sloppy));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(row.response("mistralai/mixtral-8x7b-chat"));
		assertThat(response.getMetadata().getUsage().getCompletionTokens())
			.isEqualTo(Math.max(1, TokenEstimator.estimate(row.response("mistralai/mixtral-8x7b-chat"))));
		assertThat(sim.requests().get(0).path()).isEqualTo("/v1/chat/completions");

		Throwable unknown = catchThrowable(() -> client.call(new Prompt("a prompt that is not in the dataset")));
		assertThat(unknown).isExactlyInstanceOf(com.openai.errors.NotFoundException.class)
			.hasMessageContaining("no recorded answer");
	}

	@Test
	void replayOnAnthropicApiAndUnknownPrompt() throws Exception {
		sim.model("claude-replay").replay(mbpp, "claude-v2");
		RouterBenchRow row = mbpp.rows().get(10);
		HttpClient http = HttpClient.newHttpClient();
		String body = """
				{"model":"claude-replay","max_tokens":1000,"messages":[{"role":"user","content":[{"type":"text","text":%s}]}]}"""
			.formatted(JSON.writeValueAsString(row.prompt()));
		HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(JSON.readTree(ok.body()).path("content").get(0).path("text").asString())
			.isEqualTo(row.response("claude-v2"));
		HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
			.POST(HttpRequest.BodyPublishers.ofString(body.replace("Write", "Compose")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(missing.body()).path("error").path("type").asString()).isEqualTo("not_found_error");
	}

	@Test
	void csvReaderHandlesQuotesAndMultiLineFields() throws Exception {
		List<List<String>> records = CsvReader.readAll(new StringReader(
				"a,b,c\r\n1,\"x, \"\"quoted\"\"\nsecond line\",\n,,last"));
		assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("1", "x, \"quoted\"\nsecond line", ""),
				List.of("", "", "last"));
	}

	@Test
	void pythonListLiteralDecodesReprStrings() {
		assertThat(PythonListLiteral.parse("['it\\'s', \"say \\\"hi\\\"\\n\", 'tab\\there \\\\ \\x41\\u00e9']"))
			.containsExactly("it's", "say \"hi\"\n", "tab\there \\ A\u00e9");
		assertThat(PythonListLiteral.parse("[]")).isEmpty();
		assertThat(PythonListLiteral.parse("not a list")).containsExactly("not a list");
	}

}
