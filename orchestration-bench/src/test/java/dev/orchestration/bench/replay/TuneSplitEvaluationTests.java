package dev.orchestration.bench.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.orchestration.test.eval.EvaluationData;
import org.junit.jupiter.api.Tag;

/**
 * {@link TuneSplitTests} on the whole real RouterBench train data (2,205 deduplicated,
 * complete rows); the {@code evaluation} profile runs it.
 */
@Tag("evaluation")
class TuneSplitEvaluationTests extends TuneSplitTests {

	@Override
	List<Path> files() {
		return ReplayCommandTests.FILES.stream().map((file) -> EvaluationData.file("routerbench/" + file)).toList();
	}

	@Override
	int expectedRows() {
		return 2205;
	}

	@Override
	Map<String, Integer> expectedTuningCounts() {
		return Map.of("arc-challenge", 306, "mbpp", 90, "winogrande", 266);
	}

}
