package dev.orchestration.bench.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orchestration.bench.UsageException;
import dev.orchestration.test.eval.EvaluationData;
import dev.orchestration.test.eval.RoutingTuner;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code tune} command on RouterBench-format fixtures: the classifier is built from
 * the tuning rows only and labels the evaluation rows, both result lines print.
 * {@link TuneCommandEvaluationTests} runs the same tests on a slice of the real train
 * data.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TuneCommandTests {

	private static final Pattern RESULT = Pattern
		.compile("accuracy=(\\d\\.\\d{4}) frontier_accuracy=(\\d\\.\\d{4}) cost_ratio=(\\d+\\.\\d{4}) prompts=(\\d+)");

	private String data;

	private RouterBenchDataset dataset;

	/**
	 * The RouterBench-format CSVs: here the fixtures under {@code fixtures/routerbench}.
	 * @param scratch a temporary directory
	 * @return the files
	 */
	List<Path> files(Path scratch) throws IOException {
		return ReplayCommandTests.FILES.stream().map((file) -> EvaluationData.fixture("routerbench/" + file)).toList();
	}

	@BeforeAll
	void loadTheData(@TempDir Path scratch) throws IOException {
		List<Path> files = files(scratch);
		this.data = String.join(",", files.stream().map(Path::toString).toList());
		this.dataset = ReplayData.load(files).dataset();
		assertThat(this.dataset.rows()).hasSizeGreaterThan(60);
	}

	@Test
	void classifierExamplesAreWrittenFromTheTuningRowsOnly(@TempDir Path dir) throws IOException {
		TuneSplit split = TuneSplit.of(this.dataset, "slice", 0.3, 42);
		TuneCommand.Options options = TuneCommand.Options.parse(List.of("--data", this.data));
		Map<String, Object> config = TuneCommand.classifierConfig(split, dir, options,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		assertThat(config).containsEntry("llm.routing.classifier.enabled", "true")
			.containsEntry("llm.routing.classifier.k", "10")
			.doesNotContainKey("llm.routing.classifier.router-model.tier");
		Set<String> tuningPrompts = new HashSet<>();
		split.tuning().forEach((row) -> tuningPrompts.add(row.prompt()));
		Set<String> evaluationOnly = new HashSet<>();
		split.evaluation().forEach((row) -> evaluationOnly.add(row.prompt()));
		evaluationOnly.removeAll(tuningPrompts);
		assertThat(evaluationOnly).isNotEmpty();
		JsonMapper mapper = JsonMapper.builder().build();
		int examples = 0;
		for (String task : List.of("arc-challenge", "mbpp", "winogrande")) {
			String location = (String) config.get("llm.routing.classifier.classes." + task + ".examples-file");
			assertThat(location).as(task).startsWith("file:");
			Path file = Path.of(location.substring("file:".length()));
			assertThat(file).startsWith(dir);
			List<String> texts = mapper.readValue(file.toFile(), new TypeReference<List<String>>() {
			});
			List<String> expected = split.tuning()
				.stream()
				.filter((r) -> r.evalName().equals(task))
				.map(RouterBenchRow::prompt)
				.toList();
			assertThat(texts).as(task).isEqualTo(expected).doesNotContainAnyElementsOf(evaluationOnly);
			examples += texts.size();
		}
		assertThat(examples).isEqualTo(split.tuning().size());
	}

	@Test
	void withoutHintsTheClassifierLabelsTheEvaluationRowsAndBothResultLinesPrint() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int code;
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			code = new TuneCommand().run(List.of("--data", this.data, "--threads", "4"), out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(code).as(output).isZero();
		TuneSplit split = TuneSplit.of(this.dataset, "routerbench-train", 0.3, 42);
		int evaluation = split.evaluation().size();
		assertThat(output).contains("# Proposed by RoutingTuner from " + split.tuning().size() + " labelled cases")
			.contains(split.describe());
		double[] with = result(output, "with hints:    ");
		double[] without = result(output, "without hints: ");
		assertThat((int) with[3]).isEqualTo(evaluation);
		assertThat((int) without[3]).isEqualTo(evaluation);
		// every evaluation prompt went through the router without a hint, and the
		// embedding classifier labelled it
		Matcher classifier = Pattern
			.compile("classifier_accuracy=(\\d\\.\\d{4}) \\((\\d+) of (\\d+) prompts.*" + "task source \\{([^}]*)\\}")
			.matcher(output);
		assertThat(classifier.find()).as(output).isTrue();
		assertThat(Integer.parseInt(classifier.group(3))).isEqualTo(evaluation);
		assertThat(classifier.group(4)).contains("embedding=").doesNotContain("hint");
		assertThat(Double.parseDouble(classifier.group(1))).isGreaterThan(0.9);
		assertThat(output).containsPattern(
				"difference \\(without - with\\): accuracy [+-]\\d\\.\\d{4}, cost_ratio" + " [+-]\\d\\.\\d{4}");
		assertThat(output).containsPattern("tune: with_hints_accuracy=\\d\\.\\d{4} .* evaluation_prompts=" + evaluation
				+ " tuning_prompts=" + split.tuning().size());
	}

	@Test
	void aClassAssignedTheCascadeRoutesToMidAndGetsTheAgreementPolicy() {
		List<RoutingTuner.TierOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			outcomes.add(new RoutingTuner.TierOutcome("a" + i, "quiz", "mid", i < 6, 0.1));
			outcomes.add(new RoutingTuner.TierOutcome("a" + i, "quiz", "frontier", true, 1.0));
			outcomes.add(new RoutingTuner.TierOutcome("a" + i, "quiz", TuneCommand.CASCADE_CANDIDATE, true, 0.3));
			outcomes.add(new RoutingTuner.TierOutcome("b" + i, "code", "mid", i < 9, 0.1));
			outcomes.add(new RoutingTuner.TierOutcome("b" + i, "code", "frontier", true, 1.0));
			outcomes.add(new RoutingTuner.TierOutcome("b" + i, "code", TuneCommand.CASCADE_CANDIDATE, false, 0.3));
		}
		RoutingTuner.Proposal proposal = RoutingTuner.withinPointsOfBest(15).propose(outcomes);
		assertThat(proposal.tierFor("quiz")).isEqualTo(TuneCommand.CASCADE_CANDIDATE);
		assertThat(proposal.tierFor("code")).isEqualTo("mid");
		Map<String, Object> config = TuneCommand.flatten(TuneCommand.tunedYaml(proposal, "frontier"));
		assertThat(config).containsEntry("llm.routing.default-tier", "frontier")
			.containsEntry("llm.routing.rules[0].when.task", "quiz")
			.containsEntry("llm.routing.rules[0].tier", "mid")
			.containsEntry("llm.routing.rules[1].when.task", "code")
			.containsEntry("llm.routing.rules[1].tier", "mid")
			.containsEntry("llm.cascade.tasks.quiz.verifiers[1]", "agreement")
			.containsEntry("llm.cascade.tasks.quiz.agreement-tier", "peer")
			.containsEntry("llm.cascade.tasks.quiz.path[1]", "frontier")
			.doesNotContainKey("llm.cascade.tasks.code.verifiers[0]");
	}

	@Test
	void rejectsBadArguments() {
		assertThatThrownBy(() -> TuneCommand.Options.parse(List.of())).isInstanceOf(UsageException.class)
			.hasMessageContaining("--data");
		assertThatThrownBy(() -> TuneCommand.Options.parse(List.of("--data", this.data, "--tune-fraction", "1")))
			.isInstanceOf(UsageException.class);
		assertThatThrownBy(() -> TuneCommand.Options.parse(List.of("--data", this.data, "--bogus")))
			.isInstanceOf(UsageException.class);
	}

	private static double[] result(String output, String prefix) {
		Matcher matcher = Pattern.compile(Pattern.quote(prefix) + RESULT.pattern()).matcher(output);
		assertThat(matcher.find()).as("no '%s' result line in:%n%s", prefix, output).isTrue();
		return new double[] { Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
				Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)) };
	}

}
