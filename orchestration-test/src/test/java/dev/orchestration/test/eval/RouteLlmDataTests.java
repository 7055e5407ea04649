package dev.orchestration.test.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The RouteLLM readers and the report on fixtures in RouteLLM's formats
 * ({@code fixtures/routellm}: 14 MT-Bench questions, two of them contaminated, and 18
 * GSM8K questions, synthetic, written for these tests); expected numbers were computed
 * from the fixture files independently of this code. The same on the real data:
 * {@link RouteLlmDataEvaluationTests}.
 */
class RouteLlmDataTests {

	@TempDir
	Path out;

	@Test
	void mtBenchDropsTheContaminatedQuestionsAndPairsBothTurns() {
		MtBenchData data = MtBenchData.load(EvaluationData.fixture("routellm/mt_bench/question.jsonl"),
				EvaluationData.fixture("routellm/mt_bench/mt_bench_answers_scores.jsonl"),
				EvaluationData.fixture("routellm/mt_bench/contaminated_prompts.jsonl"));
		assertThat(data.dropped()).containsExactly(205, 210);
		assertThat(data.questions()).hasSize(12);
		assertThat(data.questions()).allSatisfy((q) -> {
			assertThat(q.turns()).hasSize(2);
			assertThat(q.scores().get(MtBenchData.STRONG)).hasSize(2);
			assertThat(q.answers().get(MtBenchData.WEAK).get(1)).isNotBlank();
		});
		// mean over the 24 question-turn rows of each model (computed from the files with
		// Python)
		assertThat(data.meanScore(MtBenchData.STRONG)).isCloseTo(101.0 / 12, within(1e-12));
		assertThat(data.meanScore(MtBenchData.WEAK)).isCloseTo(6.25, within(1e-12));
		assertThat(data.questions().stream().map(MtBenchData.Question::category).distinct()).hasSize(8);
		EvalDataset dataset = data.toEvalDataset();
		assertThat(dataset.size()).isEqualTo(12);
		assertThat(dataset.cases().get(0).recorded()).containsKeys(MtBenchData.STRONG, MtBenchData.WEAK);
	}

	@Test
	void gsm8kReadsBothModelsCorrectnessAndAnswers() {
		Gsm8kData data = Gsm8kData.load(EvaluationData.fixture("routellm/gsm8k/gsm8k_dev.csv"));
		assertThat(data.items()).hasSize(18);
		assertThat(data.models()).containsExactlyInAnyOrder(Gsm8kData.STRONG, Gsm8kData.WEAK);
		assertThat(data.accuracy(Gsm8kData.WEAK)).isCloseTo(11.0 / 18, within(1e-12));
		assertThat(data.accuracy(Gsm8kData.STRONG)).isCloseTo(15.0 / 18, within(1e-12));
		Gsm8kData.Item first = data.items().get(0);
		assertThat(first.prompt()).startsWith("Janelle buys 48 boxes");
		// both answers end with the gold answer 48 * 3 - 9 = 135: the numeric grader
		// agrees with the recorded correctness
		EvalCase janelle = EvalCase.of("0", first.prompt(), "math", "135");
		for (String model : data.models()) {
			assertThat(Grader.numeric().grade(janelle, new Served(first.answers().get(model), null)).passed()).isTrue();
		}
	}

	@Test
	void recordedGradingThroughTheRunnerReproducesTheModelsAccuracy() {
		Gsm8kData data = Gsm8kData.load(EvaluationData.fixture("routellm/gsm8k/gsm8k_dev.csv"));
		EvalRunner runner = EvalRunner.builder(Grader.recorded()).progressTo(null).build();
		EvalReport report = runner.evaluate(data.toEvalDataset(),
				Policy.of("strong", (c) -> Responses.routed("", "strong", Gsm8kData.STRONG, 0.003)),
				Policy.of("weak", (c) -> Responses.routed("", "weak", Gsm8kData.WEAK, 0.0001)));
		assertThat(report.metrics().passRate()).isCloseTo(15.0 / 18, within(1e-12));
		assertThat(report.run("weak").metrics().passRate()).isCloseTo(11.0 / 18, within(1e-12));
	}

	@Test
	void reportOnTheFixturesMatchesRouteLlmsSanityChecks() throws Exception {
		Path dataDir = dataDirFromFixtures();
		RouteLlmReport.Options options = RouteLlmReport.Options.parse(new String[] { "--data-dir", dataDir.toString(),
				"--out", this.out.toString(), "--random-seeds", "100" });
		MtBenchData mt = MtBenchData.load(EvaluationData.fixture("routellm/mt_bench/question.jsonl"),
				EvaluationData.fixture("routellm/mt_bench/mt_bench_answers_scores.jsonl"),
				EvaluationData.fixture("routellm/mt_bench/contaminated_prompts.jsonl"));
		RouteLlmReport.BenchmarkResult result = RouteLlmReport.mtBench(mt, options, null);
		assertThat(result.randomMeanApgr()).isCloseTo(0.5, within(0.05));
		RouteLlmReport.RouterResult oracle = result.routers().get(result.routers().size() - 1);
		// on 12 questions where gpt-4 is ahead on most, the oracle's lead over random
		// routing is smaller than on the
		// real data, but it must still route the largest gains first
		assertThat(oracle.curve().apgr()).isGreaterThan(result.randomMeanApgr() + 0.1);
		assertThat(oracle.cpt50()).isLessThan(0.5);
		for (RouteLlmReport.RouterResult router : result.routers()) {
			assertThat(router.curve().points().get(0).quality()).isCloseTo(result.weakQuality(), within(1e-12));
			assertThat(router.curve().points().get(router.curve().points().size() - 1).quality())
				.isCloseTo(result.strongQuality(), within(1e-12));
		}

		List<Path> files = RouteLlmReport.run(options, null);
		assertThat(files).hasSize(8).allSatisfy((f) -> assertThat(f).exists());
		String md = Files.readString(this.out.resolve("routellm-gsm8k.md"));
		assertThat(md).contains("CPT(50 %)").contains("prompt length").contains("18 questions");
		BufferedImage png = ImageIO.read(this.out.resolve("routellm-mt-bench.png").toFile());
		assertThat(png.getWidth()).isPositive();
		assertThat(ImageIO.read(this.out.resolve("routellm-gsm8k-cost.png").toFile())).isNotNull();
	}

	/**
	 * The fixtures laid out as the real data is ({@code routellm/...}), for the report
	 * command that reads it so.
	 */
	private Path dataDirFromFixtures() throws IOException {
		Path data = Files.createDirectories(this.out.resolve("data"));
		for (String file : List.of("mt_bench/question.jsonl", "mt_bench/mt_bench_answers_scores.jsonl",
				"mt_bench/contaminated_prompts.jsonl", "gsm8k/gsm8k_dev.csv")) {
			Path target = data.resolve("routellm").resolve(file);
			Files.createDirectories(target.getParent());
			Files.copy(EvaluationData.fixture("routellm/" + file), target);
		}
		return data;
	}

}
