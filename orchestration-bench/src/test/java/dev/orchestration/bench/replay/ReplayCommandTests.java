package dev.orchestration.bench.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orchestration.bench.UsageException;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.eval.EvaluationData;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The replay command on RouterBench-format fixtures: costs, grading, the result line and
 * task hints, checked against numbers computed directly from the recorded rows.
 * {@link ReplayCommandEvaluationTests} runs the same tests on a slice of the real train
 * data.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ReplayCommandTests {

	static final List<String> FILES = List.of("arc_challenge_train.csv", "mbpp_train.csv", "winograde_train.csv");

	private static final String GPT4 = "gpt-4-1106-preview";

	private static final String GPT35 = "gpt-3.5-turbo-1106";

	private static final String MIXTRAL = "mistralai/mixtral-8x7b-chat";

	private static final String YI = "zero-one-ai/Yi-34B-Chat";

	private static final Pattern LAST_LINE = Pattern
		.compile("accuracy=(\\d\\.\\d{4}) frontier_accuracy=(\\d\\.\\d{4}) cost_ratio=(\\d+\\.\\d{4}) prompts=(\\d+)");

	private String data;

	/**
	 * The prompts as the command sees them (merged, deduplicated, incomplete rows
	 * dropped).
	 */
	private List<RouterBenchRow> rows;

	/**
	 * The RouterBench-format CSVs to replay: here the fixtures under
	 * {@code fixtures/routerbench} (synthetic rows in RouterBench's wide format, with a
	 * repeated sample id and a row missing a value).
	 * @param scratch a temporary directory
	 * @return the files
	 */
	List<Path> files(Path scratch) throws IOException {
		return FILES.stream().map((file) -> EvaluationData.fixture("routerbench/" + file)).toList();
	}

	@BeforeAll
	void loadTheData(@TempDir Path scratch) throws IOException {
		List<Path> files = files(scratch);
		this.data = String.join(",", files.stream().map(Path::toString).toList());
		this.rows = ReplayData.load(files).rows();
		assertThat(this.rows).hasSizeGreaterThan(60);
		assertThat(this.rows.stream().map(RouterBenchRow::evalName).distinct())
			.containsExactlyInAnyOrder("arc-challenge", "mbpp", "winogrande");
	}

	@Test
	void routerCostOfEveryPromptEqualsTheRecordedCostOfTheModelsItCalled() throws Exception {
		ReplayCommand.Options options = ReplayCommand.Options.parse(List.of("--data", this.data, "--task-hints"));
		try (ProviderSimulator simulator = ProviderSimulator.start()) {
			RouterBenchDataset dataset = ReplayData.load(options.data()).dataset();
			try (ConfigurableApplicationContext context = ReplayCommand.startContext(simulator, dataset,
					new ReplayApplication.ReplayedModels(), ReplayCommand.configuration(options), options)) {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				for (RouterBenchRow row : dataset.rows()) {
					int before = simulator.requests().size();
					ReplayCommand.Outcome outcome = ReplayCommand.ask(client, row, options);
					assertThat(outcome.failure()).isNull();
					List<RecordedRequest> calls = simulator.requests().subList(before, simulator.requests().size());
					double recorded = 0;
					for (RecordedRequest call : calls) {
						assertThat(RouterBenchDataset.normalize(String.valueOf(call.lastUserMessage())))
							.isEqualTo(RouterBenchDataset.normalize(row.prompt()));
						recorded += row.cost(call.model());
					}
					assertThat(outcome.cost()).as("router cost of %s (%d calls)", row.sampleId(), calls.size())
						.isCloseTo(recorded, within(1e-8 * calls.size()));
					// graded with the recorded correctness of the model that produced the
					// served answer
					assertThat(outcome.sameText()).as("served text is the serving model's recorded answer").isTrue();
					assertThat(outcome.correct()).isEqualTo(row.outcome(outcome.model()).isCorrect());
					assertThat(calls.stream().map(RecordedRequest::model)).contains(outcome.model());
				}
			}
		}
	}

	@Test
	void singleModelReproducesThatModelsRecordedAccuracyAndCost() throws Exception {
		Result result = run("--data", this.data, "--single", GPT35);
		assertThat(result.prompts).isEqualTo(this.rows.size());
		assertThat(result.accuracy).isCloseTo(mean(this.rows, GPT35), within(0.00005));
		assertThat(result.frontierAccuracy).isCloseTo(mean(this.rows, GPT4), within(0.00005));
		assertThat(result.costRatio).isCloseTo(cost(this.rows, GPT35) / cost(this.rows, GPT4), within(0.00005));
	}

	@Test
	void recommendedWithTaskHintsMatchesThePolicyComputedFromTheRecordedData() throws Exception {
		double correct = 0;
		double cost = 0;
		int escalated = 0;
		for (RouterBenchRow row : this.rows) {
			switch (row.evalName()) {
				case "mbpp" -> {
					correct += row.correct(GPT35);
					cost += row.cost(GPT35);
				}
				case "winogrande" -> {
					correct += row.correct(GPT4);
					cost += row.cost(GPT4);
				}
				default -> {
					String first = AnswerNormalizer.CHOICE.normalize(row.response(MIXTRAL));
					boolean agree = !first.isEmpty()
							&& first.equals(AnswerNormalizer.CHOICE.normalize(row.response(YI)));
					cost += row.cost(MIXTRAL) + row.cost(YI);
					if (agree) {
						correct += row.correct(MIXTRAL);
					}
					else {
						escalated++;
						// gpt-4 answers; at the end of the path it is not checked again
						// (no second Yi-34B call)
						correct += row.correct(GPT4);
						cost += row.cost(GPT4);
					}
				}
			}
		}
		Result result = run("--data", this.data, "--task-hints");
		assertThat(result.prompts).isEqualTo(this.rows.size());
		assertThat(result.accuracy).isCloseTo(correct / this.rows.size(), within(0.00005));
		assertThat(result.frontierAccuracy).isCloseTo(mean(this.rows, GPT4), within(0.00005));
		assertThat(result.costRatio).isCloseTo(cost / cost(this.rows, GPT4), within(0.00005));
		assertThat(result.output).contains(
				String.format(java.util.Locale.ROOT, "escalation rate: %.4f", escalated / (double) this.rows.size()));
		assertThat(result.output).contains("task hints: on").contains("tier shares").contains("wall time");
		assertThat(result.output).doesNotContain("WARNING");
	}

	@Test
	void withoutTaskHintsTheRouterSeesOnlyThePromptAndTheRecommendedDefaultIsGpt4() throws Exception {
		Result result = run("--data", this.data);
		assertThat(result.output).contains("task hints: off");
		assertThat(result.accuracy).isEqualTo(result.frontierAccuracy);
		assertThat(result.costRatio).isCloseTo(1.0, within(0.00005));
		assertThat(result.output).contains("escalation rate: 0.0000")
			.contains("model shares (model that served the answer): gpt-4-1106-preview 100.0 %");
	}

	@Test
	void recordedTruthVerifierIsASensitivityProbeWithAKnownErrorRate() throws Exception {
		String config = "classpath:replay/truth-mixtral-gpt4.yml";
		double correct = 0;
		double cost = 0;
		for (RouterBenchRow row : this.rows) {
			cost += row.cost(MIXTRAL);
			if (row.outcome(MIXTRAL).isCorrect()) {
				correct++;
			}
			else {
				correct += row.correct(GPT4);
				cost += row.cost(GPT4);
			}
		}
		Result perfect = run("--data", this.data, "--config", config, "--judge-error", "0");
		assertThat(perfect.accuracy).isCloseTo(correct / this.rows.size(), within(0.00005));
		assertThat(perfect.costRatio).isCloseTo(cost / cost(this.rows, GPT4), within(0.00005));
		assertThat(perfect.output).contains("SENSITIVITY PROBE, NOT A REAL JUDGE");

		Result alwaysWrong = run("--data", this.data, "--config", config, "--judge-error", "1");
		// every verdict flipped: correct mixtral answers escalate, wrong ones are
		// accepted
		double flippedCorrect = 0;
		for (RouterBenchRow row : this.rows) {
			flippedCorrect += row.outcome(MIXTRAL).isCorrect() ? row.correct(GPT4) : 0;
		}
		assertThat(alwaysWrong.accuracy).isCloseTo(flippedCorrect / this.rows.size(), within(0.00005));
	}

	@Test
	void bundledVoteConfigurationsRunByNameAndMatchTheVotesComputedFromTheRecordedData() throws Exception {
		String instant = "claude-instant-v1";
		String llama = "meta/llama-2-70b-chat";
		double correct25 = 0;
		double cost25 = 0;
		double correct40 = 0;
		double cost40 = 0;
		for (RouterBenchRow row : this.rows) {
			switch (row.evalName()) {
				case "mbpp" -> {
					correct25 += row.correct(GPT35);
					cost25 += row.cost(GPT35);
					correct40 += row.correct(GPT35);
					cost40 += row.cost(GPT35);
				}
				case "winogrande" -> {
					// votes-25: ensemble of mixtral and Yi, both must agree; votes-40:
					// mixtral, Yi and llama all agree
					Served two = sequentialVote(row, List.of(MIXTRAL, YI), 2);
					correct25 += two.correct;
					cost25 += two.cost;
					Served three = sequentialVote(row, List.of(MIXTRAL, YI, llama), 3);
					correct40 += three.correct;
					cost40 += three.cost;
				}
				default -> {
					Served triple = sequentialVote(row, List.of(MIXTRAL, YI, instant), 2);
					correct25 += triple.correct;
					cost25 += triple.cost;
					Served pair = sequentialVote(row, List.of(MIXTRAL, YI), 2);
					correct40 += pair.correct;
					cost40 += pair.cost;
				}
			}
		}
		Result votes25 = run("--data", this.data, "--task-hints", "--config", "votes-25");
		assertThat(votes25.output).contains("config: votes-25").contains("ENSEMBLE/CHOSEN");
		assertThat(votes25.accuracy).isCloseTo(correct25 / this.rows.size(), within(0.00005));
		assertThat(votes25.costRatio).isCloseTo(cost25 / cost(this.rows, GPT4), within(0.00005));
		assertThat(votes25.output).doesNotContain("WARNING").contains("(difference");
		Result votes40 = run("--data", this.data, "--task-hints", "--config", "votes-40");
		assertThat(votes40.output).contains("VOTE/CHOSEN");
		assertThat(votes40.accuracy).isCloseTo(correct40 / this.rows.size(), within(0.00005));
		assertThat(votes40.costRatio).isCloseTo(cost40 / cost(this.rows, GPT4), within(0.00005));
		assertThat(votes40.output).doesNotContain("WARNING");
	}

	/**
	 * The members answer one after the other until one choice has the quorum (served: the
	 * first member that gave it) or none can reach it any more (gpt-4 answers); every
	 * member asked is paid for.
	 */
	private static Served sequentialVote(RouterBenchRow row, List<String> members, int quorum) {
		Map<String, Integer> votes = new java.util.LinkedHashMap<>();
		Map<String, String> firstBy = new java.util.HashMap<>();
		double cost = 0;
		for (int i = 0; i < members.size(); i++) {
			String member = members.get(i);
			cost += row.cost(member);
			String choice = AnswerNormalizer.CHOICE.normalize(row.response(member));
			if (!choice.isEmpty()) {
				votes.merge(choice, 1, Integer::sum);
				firstBy.putIfAbsent(choice, member);
			}
			int pending = members.size() - i - 1;
			int best = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
			String winner = votes.entrySet()
				.stream()
				.filter((e) -> e.getValue() == best)
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse(null);
			int others = votes.values().stream().mapToInt(Integer::intValue).sum() - best;
			if (winner != null && best >= quorum && best > others + pending) {
				return new Served(row.correct(firstBy.get(winner)), cost);
			}
			if (best + pending < quorum) {
				break;
			}
		}
		return new Served(row.correct(GPT4), cost + row.cost(GPT4));
	}

	private record Served(double correct, double cost) {
	}

	@Test
	void rejectsBadArguments() {
		assertThatThrownBy(() -> run("--data", this.data, "--config", "no-such-config"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("no bundled configuration named 'no-such-config'");
		assertThatThrownBy(() -> run("--task-hints")).isInstanceOf(UsageException.class)
			.hasMessageContaining("--data CSV is required");
		assertThatThrownBy(() -> run("--data", "no-such.csv")).isInstanceOf(UsageException.class)
			.hasMessageContaining("../shared/data/routerbench");
		assertThatThrownBy(() -> run("--data", this.data, "--judge-error", "2")).isInstanceOf(UsageException.class);
		assertThatThrownBy(() -> run("--data", this.data, "--single", "no-such-model"))
			.hasStackTraceContaining("must name a model of the data");
	}

	static Result run(String... args) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int code = new ReplayCommand().run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(code).as(output).isZero();
		List<String> lines = output.lines().toList();
		String last = lines.get(lines.size() - 1);
		Matcher matcher = LAST_LINE.matcher(last);
		assertThat(matcher.matches()).as("last line '%s'", last).isTrue();
		return new Result(output, Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
				Double.parseDouble(matcher.group(3)), Integer.parseInt(matcher.group(4)));
	}

	private static double mean(List<RouterBenchRow> rows, String model) {
		return rows.stream().mapToDouble((row) -> row.correct(model)).average().orElseThrow();
	}

	private static double cost(List<RouterBenchRow> rows, String model) {
		return rows.stream().mapToDouble((row) -> row.cost(model)).sum();
	}

	record Result(String output, double accuracy, double frontierAccuracy, double costRatio, int prompts) {
	}

}
