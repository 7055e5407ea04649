package dev.orchestration.test.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.jspecify.annotations.Nullable;

/**
 * A named list of {@link EvalCase}s.
 *
 * @param name the dataset name shown in reports
 * @param cases the cases, in order
 */
public record EvalDataset(String name, List<EvalCase> cases) {

	public EvalDataset {
		Objects.requireNonNull(name, "name");
		cases = List.copyOf(cases);
	}

	public static EvalDataset of(String name, EvalCase... cases) {
		return new EvalDataset(name, List.of(cases));
	}

	/**
	 * The rows of RouterBench CSVs as cases: {@code sample_id} as id, the decoded prompt,
	 * {@code eval_name} as task, each model's recorded correctness and cost.
	 * @param name the dataset name
	 * @param datasets the loaded CSVs
	 * @return the dataset
	 */
	public static EvalDataset fromRouterBench(String name, RouterBenchDataset... datasets) {
		List<EvalCase> cases = new ArrayList<>();
		for (RouterBenchDataset data : datasets) {
			for (RouterBenchRow row : data.rows()) {
				Map<String, Double> correct = new LinkedHashMap<>();
				Map<String, Double> cost = new LinkedHashMap<>();
				row.outcomes().forEach((model, outcome) -> {
					correct.put(model, outcome.correct());
					if (!Double.isNaN(outcome.totalCost())) {
						cost.put(model, outcome.totalCost());
					}
				});
				cases.add(new EvalCase(row.sampleId(), row.prompt(), row.evalName(), null, correct, cost,
						Map.of("source", String.valueOf(data.source().getFileName()))));
			}
		}
		return new EvalDataset(name, cases);
	}

	public int size() {
		return this.cases.size();
	}

	public EvalDataset filter(String newName, Predicate<EvalCase> predicate) {
		return new EvalDataset(newName, this.cases.stream().filter(predicate).toList());
	}

	/** The first {@code n} cases. */
	public EvalDataset limit(int n) {
		return new EvalDataset(this.name, this.cases.subList(0, Math.min(n, this.cases.size())));
	}

	/** The same cases without task hints (the router must infer the task itself). */
	public EvalDataset withoutTasks() {
		return new EvalDataset(this.name + " (no task hints)",
				this.cases.stream().map((c) -> c.withTask(null)).toList());
	}

	/**
	 * A reproducible split, stratified by task: within each task the cases are shuffled
	 * with the seed and the first {@code round(fraction * n)} go to the first part.
	 * @param fraction share of cases in the first part (0..1)
	 * @param seed the shuffle seed
	 * @return the two parts, named {@code <name>/a} and {@code <name>/b}
	 */
	public Split split(double fraction, long seed) {
		if (fraction < 0 || fraction > 1) {
			throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
		}
		Map<@Nullable String, List<EvalCase>> byTask = new LinkedHashMap<>();
		for (EvalCase c : this.cases) {
			byTask.computeIfAbsent(c.task(), (k) -> new ArrayList<>()).add(c);
		}
		Random random = new Random(seed);
		List<EvalCase> first = new ArrayList<>();
		List<EvalCase> second = new ArrayList<>();
		for (List<EvalCase> group : byTask.values()) {
			List<EvalCase> shuffled = new ArrayList<>(group);
			Collections.shuffle(shuffled, random);
			int cut = (int) Math.round(fraction * shuffled.size());
			first.addAll(shuffled.subList(0, cut));
			second.addAll(shuffled.subList(cut, shuffled.size()));
		}
		return new Split(new EvalDataset(this.name + "/a", first), new EvalDataset(this.name + "/b", second));
	}

	/** Two disjoint parts of a dataset. */
	public record Split(EvalDataset first, EvalDataset second) {
	}

}
