package dev.orchestration.bench.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;

/**
 * {@link TuneCommandTests} on a slice of the real RouterBench train data (the first 30
 * rows of each CSV, written to a temporary directory); the {@code evaluation} profile
 * runs it.
 */
@Tag("evaluation")
class TuneCommandEvaluationTests extends TuneCommandTests {

	@Override
	List<Path> files(Path scratch) throws IOException {
		return RouterBenchSlices.write(scratch, ReplayCommandTests.FILES, 30);
	}

}
