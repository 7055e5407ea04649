package dev.orchestration.test.simulator;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.orchestration.test.eval.EvaluationData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Replay of recorded RouterBench answers through the simulator, on a fixture in
 * RouterBench's wide-CSV format ({@code fixtures/routerbench/mixed_train.csv}: synthetic
 * rows written for these tests). The same readers on the real data:
 * {@code RouterBenchDataEvaluationTests}.
 */
class RouterBenchReplayTests {

	private static final String GPT4 = "gpt-4-1106-preview";

	private static final double GPT4_IN = 10.0;

	private static final double GPT4_OUT = 30.0;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private static RouterBenchDataset mixed;

	private final ProviderSimulator sim = providers.simulator();

	@BeforeAll
	static void load() {
		mixed = RouterBenchDataset.load(EvaluationData.fixture("routerbench/mixed_train.csv"));
	}

	@Test
	void loadsTheWideCsv() {
		// the fixture: 8 mbpp, 4 arc-challenge and 1 winogrande row (without a gpt-4
		// value); one mbpp row repeated
		assertThat(mixed.size()).isEqualTo(13);
		assertThat(mixed.models()).hasSize(11).contains(GPT4, "mistralai/mixtral-8x7b-chat", "claude-v2");
		RouterBenchRow first = mixed.rows().get(0);
		assertThat(first.sampleId()).isEqualTo("mbpp.dev.300");
		assertThat(first.evalName()).isEqualTo("mbpp");
		assertThat(first.prompt()).isEqualTo("Write a python function to reverse the words of a sentence.");
		assertThat(first.correct(GPT4)).isEqualTo(1.0);
		assertThat(first.cost(GPT4)).isEqualTo(0.00171);
		assertThat(first.response(GPT4)).startsWith("Here is a function to reverse").contains("\n```python\n");
		assertThat(first.response("gpt-3.5-turbo-1106")).contains("def reverse_0(values):\n    # gpt-3.5-turbo-1106\n");
		RouterBenchRow arc = mixed.rows().get(8);
		assertThat(arc.evalName()).isEqualTo("arc-challenge");
		assertThat(arc.promptParts()).hasSize(1);
		assertThat(arc.prompt()).startsWith("Which of the following statements is correct?\nWhich gas do plants")
			.endsWith("without explanation.\nAnswer:");
		// 10 of the 12 rows with a gpt-4 value are correct (counted in the file:
		// mbpp.dev.304 and
		// arc-challenge.dev.312 are the wrong ones)
		double accuracy = mixed.rowsWith(GPT4).stream().mapToDouble(r -> r.correct(GPT4)).average().orElseThrow();
		assertThat(accuracy).isEqualTo(10.0 / 12);
		assertThat(mixed.rowsWith(GPT4).stream().filter((r) -> r.correct(GPT4) == 0.0).map(RouterBenchRow::sampleId))
			.containsExactly("mbpp.dev.304", "arc-challenge.dev.312");
	}

	@Test
	void dedupesOnSampleIdAndFiltersMissingValues() {
		assertThat(mixed.rows()).as("14 data rows, mbpp.dev.301 twice").hasSize(13);
		assertThat(mixed.rows()).extracting(RouterBenchRow::sampleId).doesNotHaveDuplicates();
		assertThat(mixed.rowsWith(GPT4)).hasSize(12);
		RouterBenchRow incomplete = mixed.rows().stream().filter(r -> !r.has(GPT4)).findFirst().orElseThrow();
		assertThat(incomplete.sampleId()).isEqualTo("winogrande.dev.320");
		assertThat(incomplete.cost(GPT4)).isNaN();
		assertThat(mixed.rowsWith("claude-v2")).hasSize(13);
	}

	@Test
	void replaysRecordedAnswersWithCostConsistentUsage() throws Exception {
		sim.model("gpt-4-replay").replay(mixed, GPT4, GPT4_IN, GPT4_OUT);
		HttpClient http = HttpClient.newHttpClient();
		List<RouterBenchRow> sample = mixed.rowsWith(GPT4);
		for (RouterBenchRow row : sample) {
			String body = JSON.writeValueAsString(JSON.createObjectNode()
				.put("model", "gpt-4-replay")
				.set("messages", JSON.createArrayNode()
					.add(JSON.createObjectNode().put("role", "user").put("content", row.prompt()))));
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
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
		assertThat(sim.model("gpt-4-replay").callCount()).isEqualTo(12);
	}

	@Test
	void replayThroughSpringAiWithWhitespaceNormalisedMatching() {
		sim.model("mixtral").replay(mixed, "mistralai/mixtral-8x7b-chat");
		OpenAiChatModel client = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(sim.baseUrl() + "/v1")
				.apiKey("test")
				.model("mixtral")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(5))
				.build())
			.build();
		RouterBenchRow row = mixed.rows().get(3);
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
		sim.model("claude-replay").replay(mixed, "claude-v2");
		RouterBenchRow row = mixed.rows().get(2);
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
		List<List<String>> records = CsvReader
			.readAll(new StringReader("a,b,c\r\n1,\"x, \"\"quoted\"\"\nsecond line\",\n,,last"));
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
