package dev.orchestration.bench.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;

/**
 * {@link ReplayCommandTests} on a slice of the real RouterBench train data (the first 30
 * rows of each CSV, written to a temporary directory); the {@code evaluation} profile
 * runs it ({@code mvn -B verify -Pevaluation}, data folder from
 * {@code orchestration.data.dir}).
 */
@Tag("evaluation")
class ReplayCommandEvaluationTests extends ReplayCommandTests {

	@Override
	List<Path> files(Path scratch) throws IOException {
		return RouterBenchSlices.write(scratch, FILES, 30);
	}

}
