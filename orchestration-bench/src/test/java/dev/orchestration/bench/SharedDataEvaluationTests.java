package dev.orchestration.bench;

import java.nio.file.Path;

import dev.orchestration.test.eval.EvaluationData;
import org.junit.jupiter.api.Tag;

/**
 * {@link SharedDataTests} on the real semantic-cache files (GPTCache's benchmark pairs,
 * outside the repository); the {@code evaluation} profile runs it
 * ({@code mvn -B verify -Pevaluation}, data folder from {@code orchestration.data.dir}).
 */
@Tag("evaluation")
class SharedDataEvaluationTests extends SharedDataTests {

	@Override
	Path semanticCacheFile(String name) {
		return EvaluationData.file("semantic-cache/" + name);
	}

	@Override
	int[] expectedQuoraPairs() {
		return new int[] { 10_000, 3_777 };
	}

	@Override
	int expectedParaphrasePairs() {
		return 999;
	}

}
