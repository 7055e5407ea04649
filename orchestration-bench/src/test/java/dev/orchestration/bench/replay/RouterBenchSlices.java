package dev.orchestration.bench.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.orchestration.test.eval.EvaluationData;
import dev.orchestration.test.simulator.CsvReader;

/**
 * The first rows of each real RouterBench train CSV, written to a temporary directory
 * (never to the repository).
 */
final class RouterBenchSlices {

	private RouterBenchSlices() {
	}

	/**
	 * Slices the real train CSVs.
	 * @param dir where to write the slices
	 * @param files the CSV names under {@code <orchestration.data.dir>/routerbench}
	 * @param rows data rows per file
	 * @return the slices, in the order of {@code files}
	 */
	static List<Path> write(Path dir, List<String> files, int rows) throws IOException {
		List<Path> sliced = new ArrayList<>();
		for (String file : files) {
			List<List<String>> records;
			try (Reader reader = Files.newBufferedReader(EvaluationData.file("routerbench/" + file),
					StandardCharsets.UTF_8)) {
				records = CsvReader.readAll(reader);
			}
			Path slice = dir.resolve(file);
			try (Writer writer = Files.newBufferedWriter(slice, StandardCharsets.UTF_8)) {
				for (List<String> record : records.subList(0, Math.min(records.size(), rows + 1))) {
					ReplayData.writeRecord(writer, record);
				}
			}
			sliced.add(slice);
		}
		return sliced;
	}

}
