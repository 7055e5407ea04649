package dev.orchestration.test.eval;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The RouteLLM readers on the real files, and the report computed from them (the
 * {@code evaluation} profile: {@code mvn -B verify -Pevaluation}). The default build
 * covers the same code on fixtures: {@link RouteLlmDataTests}.
 */
@Tag("evaluation")
class RouteLlmDataEvaluationTests {

	@TempDir
	Path out;

	@Test
	void mtBenchDropsTheContaminatedQuestionsAndPairsBothTurns() {
		MtBenchData data = MtBenchData.load(EvaluationData.dir().resolve("routellm/mt_bench"));
		assertThat(data.dropped()).containsExactly(81, 88, 91, 92, 101, 104, 120, 122);
		assertThat(data.questions()).hasSize(72);
		assertThat(data.questions()).allSatisfy((q) -> {
			assertThat(q.turns()).hasSize(2);
			assertThat(q.scores().get(MtBenchData.STRONG)).hasSize(2);
			assertThat(q.answers().get(MtBenchData.WEAK).get(1)).isNotBlank();
		});
		// mean over the 144 question-turn rows of each model (checked independently with
		// Python)
		assertThat(data.meanScore(MtBenchData.STRONG)).isCloseTo(9.211805555555555, within(1e-12));
		assertThat(data.meanScore(MtBenchData.WEAK)).isCloseTo(8.28125, within(1e-12));
		assertThat(data.questions().stream().map(MtBenchData.Question::category).distinct()).hasSize(8);
		EvalDataset dataset = data.toEvalDataset();
		assertThat(dataset.size()).isEqualTo(72);
		assertThat(dataset.cases().get(0).recorded()).containsKeys(MtBenchData.STRONG, MtBenchData.WEAK);
	}

	@Test
	void gsm8kReadsBothModelsCorrectnessAndAnswers() {
		Gsm8kData data = Gsm8kData.load(EvaluationData.dir().resolve("routellm/gsm8k/gsm8k_dev.csv"));
		assertThat(data.items()).hasSize(660);
		assertThat(data.models()).containsExactlyInAnyOrder(Gsm8kData.STRONG, Gsm8kData.WEAK);
		assertThat(data.accuracy(Gsm8kData.WEAK)).isCloseTo(424.0 / 660, within(1e-12));
		assertThat(data.accuracy(Gsm8kData.STRONG)).isCloseTo(556.0 / 660, within(1e-12));
		Gsm8kData.Item first = data.items().get(0);
		assertThat(first.prompt()).startsWith("Janet");
		// both answers end with the gold answer 18: the numeric grader agrees with the
		// recorded correctness
		EvalCase janet = EvalCase.of("0", first.prompt(), "math", "18");
		for (String model : data.models()) {
			assertThat(Grader.numeric().grade(janet, new Served(first.answers().get(model), null)).passed()).isTrue();
		}
	}

	@Test
	void recordedGradingOfRealDataThroughTheRunnerReproducesTheModelsAccuracy() {
		Gsm8kData data = Gsm8kData.load(EvaluationData.dir().resolve("routellm/gsm8k/gsm8k_dev.csv"));
		EvalRunner runner = EvalRunner.builder(Grader.recorded()).progressTo(null).build();
		EvalReport report = runner.evaluate(data.toEvalDataset(),
				Policy.of("strong", (c) -> Responses.routed("", "strong", Gsm8kData.STRONG, 0.003)),
				Policy.of("weak", (c) -> Responses.routed("", "weak", Gsm8kData.WEAK, 0.0001)));
		assertThat(report.metrics().passRate()).isCloseTo(556.0 / 660, within(1e-12));
		assertThat(report.run("weak").metrics().passRate()).isCloseTo(424.0 / 660, within(1e-12));
	}

	@Test
	void reportOnTheRealDataMatchesRouteLlmsSanityChecks() throws Exception {
		RouteLlmReport.Options options = RouteLlmReport.Options.parse(new String[] { "--data-dir",
				EvaluationData.dir().toString(), "--out", this.out.toString(), "--random-seeds", "100" });
		MtBenchData mt = MtBenchData.load(EvaluationData.dir().resolve("routellm/mt_bench"));
		RouteLlmReport.BenchmarkResult result = RouteLlmReport.mtBench(mt, options, null);
		assertThat(result.randomMeanApgr()).isCloseTo(0.5, within(0.05));
		RouteLlmReport.RouterResult oracle = result.routers().get(result.routers().size() - 1);
		assertThat(oracle.curve().apgr()).isGreaterThan(0.9);
		assertThat(oracle.cpt50()).isLessThan(0.2);
		for (RouteLlmReport.RouterResult router : result.routers()) {
			assertThat(router.curve().points().get(0).quality()).isCloseTo(result.weakQuality(), within(1e-12));
			assertThat(router.curve().points().get(router.curve().points().size() - 1).quality())
				.isCloseTo(result.strongQuality(), within(1e-12));
		}

		List<Path> files = RouteLlmReport.run(options, null);
		assertThat(files).hasSize(8).allSatisfy((f) -> assertThat(f).exists());
		String md = Files.readString(this.out.resolve("routellm-gsm8k.md"));
		assertThat(md).contains("CPT(50 %)").contains("prompt length").contains("660 questions");
		BufferedImage png = ImageIO.read(this.out.resolve("routellm-mt-bench.png").toFile());
		assertThat(png.getWidth()).isPositive();
		assertThat(ImageIO.read(this.out.resolve("routellm-gsm8k-cost.png").toFile())).isNotNull();
	}

}
