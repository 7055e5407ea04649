package dev.orchestration.bench.replay;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.test.eval.EvalCase;
import dev.orchestration.test.eval.EvaluationData;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tuning/evaluation split of RouterBench-format fixtures: disjoint, covering,
 * stratified by eval_name, the same for the same seed. {@link TuneSplitEvaluationTests}
 * splits the whole real train data.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TuneSplitTests {

	private RouterBenchDataset data;

	/**
	 * The RouterBench-format CSVs: here the fixtures under {@code fixtures/routerbench}
	 * (24 arc-challenge rows plus a repeated sample id and a row missing a value, 20
	 * mbpp, 22 winogrande).
	 * @return the files
	 */
	List<Path> files() {
		return ReplayCommandTests.FILES.stream().map((file) -> EvaluationData.fixture("routerbench/" + file)).toList();
	}

	/** Deduplicated, complete rows of {@link #files()} (counted in the files). */
	int expectedRows() {
		return 66;
	}

	/**
	 * Tuning rows per eval_name at fraction 0.3: {@code round(0.3 * n)} of the counts in
	 * the files.
	 */
	Map<String, Integer> expectedTuningCounts() {
		return Map.of("arc-challenge", 7, "mbpp", 6, "winogrande", 7);
	}

	@BeforeAll
	void loadTheData() {
		this.data = ReplayData.load(files()).dataset();
		assertThat(this.data.rows()).hasSize(expectedRows());
	}

	@Test
	void partsAreDisjointAndTogetherEveryRow() {
		TuneSplit split = TuneSplit.of(this.data, "rb", 0.3, 42);
		Set<String> tuning = TuneSplit.ids(split.tuning());
		Set<String> evaluation = TuneSplit.ids(split.evaluation());
		assertThat(tuning).hasSize(split.tuning().size());
		assertThat(evaluation).hasSize(split.evaluation().size());
		assertThat(tuning).doesNotContainAnyElementsOf(evaluation);
		Set<String> union = new HashSet<>(tuning);
		union.addAll(evaluation);
		assertThat(union).isEqualTo(TuneSplit.ids(this.data.rows()));
		assertThat(split.tuning().size() + split.evaluation().size()).isEqualTo(expectedRows());
		// the eval-case views are the same rows, in the same order
		assertThat(split.tuningCases().cases().stream().map(EvalCase::id).toList())
			.isEqualTo(split.tuning().stream().map(RouterBenchRow::sampleId).toList());
		assertThat(split.evaluationCases().cases().stream().map(EvalCase::id).toList())
			.isEqualTo(split.evaluation().stream().map(RouterBenchRow::sampleId).toList());
	}

	@Test
	void eachEvalNameIsSplitInTheSameProportion() {
		TuneSplit split = TuneSplit.of(this.data, "rb", 0.3, 42);
		Map<String, Integer> all = TuneSplit.counts(this.data.rows());
		Map<String, Integer> tuning = TuneSplit.counts(split.tuning());
		Map<String, Integer> evaluation = TuneSplit.counts(split.evaluation());
		assertThat(all).containsOnlyKeys("arc-challenge", "mbpp", "winogrande");
		all.forEach((task, n) -> {
			assertThat(tuning.get(task)).as(task).isEqualTo((int) Math.round(0.3 * n));
			assertThat(evaluation.get(task)).as(task).isEqualTo(n - tuning.get(task));
		});
		assertThat(tuning).isEqualTo(expectedTuningCounts());
	}

	@Test
	void theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
		TuneSplit a = TuneSplit.of(this.data, "rb", 0.3, 42);
		TuneSplit b = TuneSplit.of(this.data, "rb", 0.3, 42);
		TuneSplit c = TuneSplit.of(this.data, "rb", 0.3, 43);
		assertThat(b.tuning()).isEqualTo(a.tuning());
		assertThat(b.evaluation()).isEqualTo(a.evaluation());
		assertThat(b.describe()).isEqualTo(a.describe());
		assertThat(TuneSplit.ids(c.tuning())).isNotEqualTo(TuneSplit.ids(a.tuning()));
		assertThat(TuneSplit.counts(c.tuning())).isEqualTo(TuneSplit.counts(a.tuning()));
	}

	@Test
	void classExamplesAreTheTuningPromptsOnly() {
		TuneSplit split = TuneSplit.of(this.data, "rb", 0.3, 42);
		Map<String, List<String>> examples = split.tuningPromptsByTask();
		Set<String> evaluationPrompts = new HashSet<>();
		split.evaluation().forEach((row) -> evaluationPrompts.add(row.prompt()));
		Set<String> tuningPrompts = new HashSet<>();
		split.tuning().forEach((row) -> tuningPrompts.add(row.prompt()));
		examples.forEach((task, prompts) -> {
			assertThat(prompts).hasSize(TuneSplit.counts(split.tuning()).get(task));
			assertThat(tuningPrompts).containsAll(prompts);
		});
		// no evaluation prompt is an example (unless the identical text is also a tuning
		// row's prompt)
		Set<String> leaked = new HashSet<>(evaluationPrompts);
		leaked.removeAll(tuningPrompts);
		examples.values().forEach((prompts) -> assertThat(prompts).doesNotContainAnyElementsOf(leaked));
	}

	@Test
	void rejectsAFractionOutsideTheOpenUnitInterval() {
		assertThatThrownBy(() -> TuneSplit.of(this.data, "rb", 0, 42)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TuneSplit.of(this.data, "rb", 1, 42)).isInstanceOf(IllegalArgumentException.class);
	}

}
