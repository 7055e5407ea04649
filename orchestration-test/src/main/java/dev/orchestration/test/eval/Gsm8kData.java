package dev.orchestration.test.eval;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.test.simulator.CsvReader;

/**
 * RouteLLM's GSM8K data ({@code routellm/gsm8k/gsm8k_dev.csv}): per question the prompt,
 * each model's correctness ({@code True}/{@code False}, graded by RouteLLM as "last
 * integer of the answer equals the gold answer") and each model's full answer
 * ({@code <model>_response}). The file carries no gold answer and no costs.
 *
 * @param items the questions in file order
 * @param models the model names found (those with a correctness and a response column)
 */
public record Gsm8kData(List<Item> items, List<String> models) {

	public static final String STRONG = "gpt-4-1106-preview";

	public static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";

	public Gsm8kData {
		items = List.copyOf(items);
		models = List.copyOf(models);
	}

	/**
	 * One question.
	 *
	 * @param index the row index (0-based)
	 * @param prompt the question
	 * @param correct per model, whether its answer was correct
	 * @param answers per model, its full answer
	 */
	public record Item(int index, String prompt, Map<String, Boolean> correct, Map<String, String> answers) {

		public double quality(String model) {
			Boolean value = this.correct.get(model);
			if (value == null) {
				throw new IllegalArgumentException("no correctness of " + model + " for item " + this.index);
			}
			return value ? 1.0 : 0.0;
		}

	}

	public static Gsm8kData load(Path csv) {
		List<List<String>> records;
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			records = CsvReader.readAll(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read GSM8K CSV " + csv, ex);
		}
		if (records.isEmpty()) {
			throw new IllegalStateException("empty CSV " + csv);
		}
		List<String> header = records.get(0);
		int promptCol = header.indexOf("prompt");
		if (promptCol < 0) {
			throw new IllegalStateException("no 'prompt' column in " + csv + "; header: " + header);
		}
		List<String> models = new ArrayList<>();
		for (String name : header) {
			if (!name.equals("prompt") && !name.endsWith("_response") && header.contains(name + "_response")) {
				models.add(name);
			}
		}
		List<Item> items = new ArrayList<>();
		for (int r = 1; r < records.size(); r++) {
			List<String> rec = records.get(r);
			if (rec.size() == 1 && rec.get(0).isEmpty()) {
				continue;
			}
			Map<String, Boolean> correct = new LinkedHashMap<>();
			Map<String, String> answers = new LinkedHashMap<>();
			for (String model : models) {
				String value = cell(rec, header.indexOf(model)).strip();
				if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
					throw new IllegalStateException(
							"row " + r + " of " + csv + ": correctness of " + model + " is '" + value + "'");
				}
				correct.put(model, Boolean.parseBoolean(value.toLowerCase()));
				answers.put(model, cell(rec, header.indexOf(model + "_response")));
			}
			items.add(new Item(items.size(), cell(rec, promptCol), correct, answers));
		}
		return new Gsm8kData(items, models);
	}

	private static String cell(List<String> rec, int i) {
		return (i >= 0 && i < rec.size()) ? rec.get(i) : "";
	}

	/** Per item, 1.0 when the model was correct. */
	public double[] quality(String model) {
		return this.items.stream().mapToDouble((i) -> i.quality(model)).toArray();
	}

	public double accuracy(String model) {
		return java.util.Arrays.stream(quality(model)).average().orElse(Double.NaN);
	}

	public List<String> prompts() {
		return this.items.stream().map(Item::prompt).toList();
	}

	/**
	 * The questions as eval cases with each model's recorded correctness (grade with
	 * {@code Grader.recorded()}).
	 */
	public EvalDataset toEvalDataset() {
		List<EvalCase> cases = new ArrayList<>();
		for (Item item : this.items) {
			EvalCase c = EvalCase.of("gsm8k-" + item.index(), item.prompt(), "math", null);
			for (String model : this.models) {
				c = c.withRecorded(model, item.quality(model), Double.NaN);
			}
			cases.add(c);
		}
		return new EvalDataset("gsm8k", cases);
	}

}
