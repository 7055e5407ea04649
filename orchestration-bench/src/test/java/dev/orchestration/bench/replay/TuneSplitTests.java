package dev.orchestration.bench.replay;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.test.eval.EvalCase;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tuning/evaluation split of the whole RouterBench train data (2,205 deduplicated, complete rows): disjoint,
 * covering, stratified by eval_name, the same for the same seed.
 */
class TuneSplitTests {

	private static final List<String> FILES = List.of("arc_challenge_train.csv", "mbpp_train.csv",
			"winograde_train.csv");

	private static RouterBenchDataset data;

	@BeforeAll
	static void loadTheRealData() {
		Path routerbench = Path.of(System.getProperty("orchestration.data.dir", "../../shared/data"), "routerbench");
		for (String file : FILES) {
			assertThat(routerbench.resolve(file))
				.as("RouterBench data missing at %s. These tests split the real data, which lives outside the"
						+ " repository: put the RouterBench train CSVs (%s) in <data>/routerbench and run Maven with"
						+ " -Dorchestration.data.dir=<data> (the reactor default is ../shared/data next to the"
						+ " repository checkout)", routerbench.toAbsolutePath(), FILES)
				.isRegularFile();
		}
		data = ReplayData.load(FILES.stream().map(routerbench::resolve).toList()).dataset();
		assertThat(data.rows()).hasSize(2205);
	}

	@Test
	void partsAreDisjointAndTogetherEveryRow() {
		TuneSplit split = TuneSplit.of(data, "rb", 0.3, 42);
		Set<String> tuning = TuneSplit.ids(split.tuning());
		Set<String> evaluation = TuneSplit.ids(split.evaluation());
		assertThat(tuning).hasSize(split.tuning().size());
		assertThat(evaluation).hasSize(split.evaluation().size());
		assertThat(tuning).doesNotContainAnyElementsOf(evaluation);
		Set<String> union = new HashSet<>(tuning);
		union.addAll(evaluation);
		assertThat(union).isEqualTo(TuneSplit.ids(data.rows()));
		assertThat(split.tuning().size() + split.evaluation().size()).isEqualTo(2205);
		// the eval-case views are the same rows, in the same order
		assertThat(split.tuningCases().cases().stream().map(EvalCase::id).toList())
			.isEqualTo(split.tuning().stream().map(RouterBenchRow::sampleId).toList());
		assertThat(split.evaluationCases().cases().stream().map(EvalCase::id).toList())
			.isEqualTo(split.evaluation().stream().map(RouterBenchRow::sampleId).toList());
	}

	@Test
	void eachEvalNameIsSplitInTheSameProportion() {
		TuneSplit split = TuneSplit.of(data, "rb", 0.3, 42);
		Map<String, Integer> all = TuneSplit.counts(data.rows());
		Map<String, Integer> tuning = TuneSplit.counts(split.tuning());
		Map<String, Integer> evaluation = TuneSplit.counts(split.evaluation());
		assertThat(all).containsOnlyKeys("arc-challenge", "mbpp", "winogrande");
		all.forEach((task, n) -> {
			assertThat(tuning.get(task)).as(task).isEqualTo((int) Math.round(0.3 * n));
			assertThat(evaluation.get(task)).as(task).isEqualTo(n - tuning.get(task));
		});
		assertThat(tuning).containsEntry("arc-challenge", 306).containsEntry("mbpp", 90).containsEntry("winogrande", 266);
	}

	@Test
	void theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
		TuneSplit a = TuneSplit.of(data, "rb", 0.3, 42);
		TuneSplit b = TuneSplit.of(data, "rb", 0.3, 42);
		TuneSplit c = TuneSplit.of(data, "rb", 0.3, 43);
		assertThat(b.tuning()).isEqualTo(a.tuning());
		assertThat(b.evaluation()).isEqualTo(a.evaluation());
		assertThat(b.describe()).isEqualTo(a.describe());
		assertThat(TuneSplit.ids(c.tuning())).isNotEqualTo(TuneSplit.ids(a.tuning()));
		assertThat(TuneSplit.counts(c.tuning())).isEqualTo(TuneSplit.counts(a.tuning()));
	}

	@Test
	void classExamplesAreTheTuningPromptsOnly() {
		TuneSplit split = TuneSplit.of(data, "rb", 0.3, 42);
		Map<String, List<String>> examples = split.tuningPromptsByTask();
		Set<String> evaluationPrompts = new HashSet<>();
		split.evaluation().forEach((row) -> evaluationPrompts.add(row.prompt()));
		Set<String> tuningPrompts = new HashSet<>();
		split.tuning().forEach((row) -> tuningPrompts.add(row.prompt()));
		examples.forEach((task, prompts) -> {
			assertThat(prompts).hasSize(TuneSplit.counts(split.tuning()).get(task));
			assertThat(tuningPrompts).containsAll(prompts);
		});
		// no evaluation prompt is an example (unless the identical text is also a tuning row's prompt)
		Set<String> leaked = new HashSet<>(evaluationPrompts);
		leaked.removeAll(tuningPrompts);
		examples.values().forEach((prompts) -> assertThat(prompts).doesNotContainAnyElementsOf(leaked));
	}

	@Test
	void rejectsAFractionOutsideTheOpenUnitInterval() {
		assertThatThrownBy(() -> TuneSplit.of(data, "rb", 0, 42)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TuneSplit.of(data, "rb", 1, 42)).isInstanceOf(IllegalArgumentException.class);
	}

}
