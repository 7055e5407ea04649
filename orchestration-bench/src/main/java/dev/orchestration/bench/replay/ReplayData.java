package dev.orchestration.bench.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.bench.UsageException;
import dev.orchestration.test.simulator.CsvReader;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;

/**
 * The prompts of one replay run: one or more RouterBench wide CSVs read as one set,
 * deduplicated on {@code sample_id} (first occurrence over all files wins), rows with a
 * missing value for any model of the set dropped. The kept rows are written to ONE
 * temporary CSV outside the repository (deleted on exit) and read back with
 * {@link RouterBenchDataset#load}, so the simulator's replay lookup and the grading see
 * exactly the same rows.
 *
 * @param dataset the kept rows
 * @param files the source files
 * @param rowsRead data rows in the files
 * @param duplicates rows dropped because their sample_id was seen before
 * @param incomplete rows dropped because a model's correctness was missing
 */
public record ReplayData(RouterBenchDataset dataset, List<Path> files, int rowsRead, int duplicates, int incomplete) {

	private static final String RESPONSE_SUFFIX = "|model_response";

	/**
	 * Reads and merges the files.
	 * @param files RouterBench-format CSVs
	 * @return the merged, filtered prompts
	 */
	public static ReplayData load(List<Path> files) {
		if (files.isEmpty()) {
			throw new UsageException("--data CSV is required");
		}
		List<String> header = null;
		List<String> models = null;
		List<List<String>> kept = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int read = 0;
		int duplicates = 0;
		List<Map<String, String>> candidates = new ArrayList<>();
		for (Path file : files) {
			if (!Files.isRegularFile(file)) {
				throw new UsageException("No CSV at " + file.toAbsolutePath()
						+ " (the RouterBench data lives outside the repository, e.g."
						+ " ../shared/data/routerbench/arc_challenge_train.csv)");
			}
			List<List<String>> records = readAll(file);
			if (records.isEmpty()) {
				throw new UsageException("Empty CSV: " + file);
			}
			List<String> fileHeader = records.get(0);
			for (String required : List.of("sample_id", "prompt", "eval_name")) {
				if (!fileHeader.contains(required)) {
					throw new UsageException(
							"Column '" + required + "' missing in " + file + ": not a RouterBench wide CSV");
				}
			}
			if (header == null) {
				header = fileHeader;
				models = models(fileHeader);
				if (models.isEmpty()) {
					throw new UsageException("No '<model>' + '<model>|model_response' columns in " + file);
				}
			}
			for (int r = 1; r < records.size(); r++) {
				List<String> record = records.get(r);
				if (record.size() == 1 && record.get(0).isEmpty()) {
					continue;
				}
				read++;
				Map<String, String> byName = new LinkedHashMap<>();
				for (int i = 0; i < fileHeader.size(); i++) {
					byName.putIfAbsent(fileHeader.get(i), (i < record.size()) ? record.get(i) : "");
				}
				if (!seen.add(byName.getOrDefault("sample_id", ""))) {
					duplicates++;
					continue;
				}
				candidates.add(byName);
			}
		}
		int incomplete = 0;
		for (Map<String, String> row : candidates) {
			boolean complete = true;
			for (String model : models) {
				if (row.getOrDefault(model, "").isBlank()) {
					complete = false;
					break;
				}
			}
			if (!complete) {
				incomplete++;
				continue;
			}
			List<String> record = new ArrayList<>(header.size());
			for (String column : header) {
				record.add(row.getOrDefault(column, ""));
			}
			kept.add(record);
		}
		if (kept.isEmpty()) {
			throw new UsageException("No complete rows in " + files + " (every row misses some model's value)");
		}
		Path merged = writeTemp(header, kept);
		RouterBenchDataset dataset = RouterBenchDataset.load(merged);
		return new ReplayData(dataset, List.copyOf(files), read, duplicates, incomplete);
	}

	/** The rows to replay. */
	public List<RouterBenchRow> rows() {
		return this.dataset.rows();
	}

	/** Prompts per task label, in order of first appearance. */
	public Map<String, Integer> tasks() {
		Map<String, Integer> tasks = new LinkedHashMap<>();
		for (RouterBenchRow row : rows()) {
			tasks.merge(row.evalName(), 1, Integer::sum);
		}
		return tasks;
	}

	private static List<String> models(List<String> header) {
		Set<String> models = new LinkedHashSet<>();
		for (String name : header) {
			if (name.endsWith(RESPONSE_SUFFIX)) {
				String model = name.substring(0, name.length() - RESPONSE_SUFFIX.length());
				if (header.contains(model)) {
					models.add(model);
				}
			}
		}
		return new ArrayList<>(models);
	}

	private static List<List<String>> readAll(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CsvReader.readAll(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static Path writeTemp(List<String> header, List<List<String>> records) {
		try {
			Path file = Files.createTempFile("routerbench-replay-", ".csv");
			file.toFile().deleteOnExit();
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				writeRecord(writer, header);
				for (List<String> record : records) {
					writeRecord(writer, record);
				}
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the merged CSV to the temporary directory", ex);
		}
	}

	static void writeRecord(Writer writer, List<String> record) throws IOException {
		for (int i = 0; i < record.size(); i++) {
			if (i > 0) {
				writer.write(',');
			}
			String value = record.get(i);
			if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
					|| value.indexOf('\r') >= 0) {
				writer.write('"');
				writer.write(value.replace("\"", "\"\""));
				writer.write('"');
			}
			else {
				writer.write(value);
			}
		}
		writer.write('\n');
	}

}
