package dev.orchestration.test.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.orchestration.test.eval.EvaluationData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RouterBench reader and replay on the real train splits (the {@code evaluation}
 * profile: {@code mvn -B verify
 * -Pevaluation}, data folder from {@code orchestration.data.dir}). The default build
 * covers the same code on a fixture: {@link RouterBenchReplayTests}.
 */
@Tag("evaluation")
class RouterBenchDataEvaluationTests {

	private static final String GPT4 = "gpt-4-1106-preview";

	private static final double GPT4_IN = 10.0;

	private static final double GPT4_OUT = 30.0;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private static RouterBenchDataset mbpp;

	private final ProviderSimulator sim = providers.simulator();

	@BeforeAll
	static void load() {
		mbpp = RouterBenchDataset.load(EvaluationData.file("routerbench/mbpp_train.csv"));
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
		assertThat(first.response("gpt-3.5-turbo-1106"))
			.contains("def remove_elements_from_list(main_list, elements_to_remove):\n");
		double accuracy = mbpp.rows().stream().mapToDouble(r -> r.correct(GPT4)).average().orElseThrow();
		assertThat(accuracy).isBetween(0.68, 0.69);
		assertThat(mbpp.rowsWith(GPT4, "gpt-3.5-turbo-1106")).hasSize(299);
	}

	@Test
	void dedupesOnSampleIdAndFiltersMissingValues() {
		RouterBenchDataset arc = RouterBenchDataset.load(EvaluationData.file("routerbench/arc_challenge_train.csv"));
		assertThat(arc.size()).as("1,039 rows, 7 repeated sample ids").isEqualTo(1032);
		assertThat(arc.rows()).extracting(RouterBenchRow::sampleId).doesNotHaveDuplicates();
		assertThat(arc.rowsWith(GPT4)).hasSize(1027);
		assertThat(arc.rows().stream().filter(r -> !r.has(GPT4)).findFirst().orElseThrow().cost(GPT4)).isNaN();
	}

	@Test
	void replaysRecordedAnswersWithCostConsistentUsage() throws Exception {
		this.sim.model("gpt-4-replay").replay(mbpp, GPT4, GPT4_IN, GPT4_OUT);
		HttpClient http = HttpClient.newHttpClient();
		List<RouterBenchRow> sample = mbpp.rows().subList(0, 25);
		for (RouterBenchRow row : sample) {
			String body = JSON.writeValueAsString(JSON.createObjectNode()
				.put("model", "gpt-4-replay")
				.set("messages", JSON.createArrayNode()
					.add(JSON.createObjectNode().put("role", "user").put("content", row.prompt()))));
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/v1/chat/completions"))
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
		assertThat(this.sim.model("gpt-4-replay").callCount()).isEqualTo(25);
	}

}
