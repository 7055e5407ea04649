package dev.orchestration.test.simulator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A RouterBench "wide" CSV (one row per prompt, per-model correctness, response and cost
 * columns), deduplicated on {@code sample_id} (first occurrence wins).
 */
public final class RouterBenchDataset {

	private static final String RESPONSE_SUFFIX = "|model_response";

	private static final String COST_SUFFIX = "|total_cost";

	private final Path source;

	private final List<String> models;

	private final List<RouterBenchRow> rows;

	private final Map<String, List<RouterBenchRow>> byPrompt;

	private RouterBenchDataset(Path source, List<String> models, List<RouterBenchRow> rows) {
		this.source = source;
		this.models = List.copyOf(models);
		this.rows = List.copyOf(rows);
		Map<String, List<RouterBenchRow>> index = new LinkedHashMap<>();
		for (RouterBenchRow row : rows) {
			index.computeIfAbsent(normalize(row.prompt()), k -> new ArrayList<>()).add(row);
		}
		this.byPrompt = index;
	}

	/**
	 * Reads a RouterBench wide CSV.
	 * @param csv the file, e.g. {@code routerbench/mbpp_train.csv}
	 * @return the dataset
	 * @throws UncheckedIOException when the file cannot be read or lacks the expected
	 * columns
	 */
	public static RouterBenchDataset load(Path csv) {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			return parse(csv, CsvReader.readAll(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read RouterBench CSV " + csv, ex);
		}
	}

	private static RouterBenchDataset parse(Path csv, List<List<String>> records) throws IOException {
		if (records.isEmpty()) {
			throw new IOException("empty CSV: " + csv);
		}
		List<String> header = records.get(0);
		Map<String, Integer> col = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			col.putIfAbsent(header.get(i), i);
		}
		for (String required : List.of("sample_id", "prompt", "eval_name")) {
			if (!col.containsKey(required)) {
				throw new IOException("column '" + required + "' missing in " + csv + "; header: " + header);
			}
		}
		Set<String> models = new LinkedHashSet<>();
		for (String name : header) {
			if (name.endsWith(RESPONSE_SUFFIX)) {
				String model = name.substring(0, name.length() - RESPONSE_SUFFIX.length());
				if (col.containsKey(model)) {
					models.add(model);
				}
			}
		}
		List<RouterBenchRow> rows = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int r = 1; r < records.size(); r++) {
			List<String> rec = records.get(r);
			if (rec.size() == 1 && rec.get(0).isEmpty()) {
				continue;
			}
			String id = get(rec, col, "sample_id");
			if (!seen.add(id)) {
				continue;
			}
			List<String> parts = PythonListLiteral.parse(get(rec, col, "prompt"));
			Map<String, RouterBenchRow.Outcome> outcomes = new LinkedHashMap<>();
			for (String model : models) {
				String correct = get(rec, col, model).strip();
				if (correct.isEmpty()) {
					continue;
				}
				String response = String.join("\n", PythonListLiteral.parse(get(rec, col, model + RESPONSE_SUFFIX)));
				String cost = get(rec, col, model + COST_SUFFIX).strip();
				outcomes.put(model, new RouterBenchRow.Outcome(Double.parseDouble(correct), response,
						cost.isEmpty() ? Double.NaN : Double.parseDouble(cost)));
			}
			rows.add(new RouterBenchRow(id, String.join("\n", parts), List.copyOf(parts), get(rec, col, "eval_name"),
					Collections.unmodifiableMap(outcomes), get(rec, col, "oracle_model_to_route_to")));
		}
		return new RouterBenchDataset(csv, new ArrayList<>(models), rows);
	}

	private static String get(List<String> rec, Map<String, Integer> col, String name) {
		Integer i = col.get(name);
		return i == null || i >= rec.size() ? "" : rec.get(i);
	}

	/**
	 * Whitespace normalisation used to match prompts: every run of whitespace becomes one
	 * space, then trim.
	 * @param text the text
	 * @return the normalised text
	 */
	public static String normalize(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	/**
	 * The file this dataset was read from.
	 * @return the path
	 */
	public Path source() {
		return this.source;
	}

	/**
	 * The model names found in the header (those with both a correctness and a response
	 * column).
	 * @return the models
	 */
	public List<String> models() {
		return this.models;
	}

	/**
	 * All rows after the sample_id dedupe, in file order.
	 * @return the rows
	 */
	public List<RouterBenchRow> rows() {
		return this.rows;
	}

	/**
	 * The rows where every given model has a recorded outcome (the usual filter before
	 * comparing models).
	 * @param models the models
	 * @return the rows
	 */
	public List<RouterBenchRow> rowsWith(String... models) {
		return this.rows.stream().filter(row -> Arrays.stream(models).allMatch(row::has)).toList();
	}

	/**
	 * The first row whose prompt matches the text (whitespace-normalised equality) and
	 * that has an outcome for the model.
	 * @param promptText the prompt text, e.g. a request's last user message
	 * @param model the model that must have an outcome
	 * @return the row
	 */
	public Optional<RouterBenchRow> find(String promptText, String model) {
		return this.byPrompt.getOrDefault(normalize(promptText), List.of())
			.stream()
			.filter(row -> row.has(model))
			.findFirst();
	}

	/**
	 * The number of rows.
	 * @return the size
	 */
	public int size() {
		return this.rows.size();
	}

}
