package dev.orchestration.bench.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.orchestration.test.eval.EvalCase;
import dev.orchestration.test.eval.EvalDataset;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;

/**
 * A deterministic split of the (deduplicated, complete) RouterBench rows into a tuning
 * part and an evaluation part, stratified by {@code eval_name}:
 * {@link EvalDataset#split(double, long)} of the rows in file order (within each
 * eval_name the rows are shuffled with {@code java.util.Random(seed)} and the first
 * {@code round(fraction * n)} go to the tuning part). The two parts are disjoint and
 * together are every row.
 *
 * @param tuning rows the tuner and the classifier examples come from
 * @param evaluation rows the tuned configuration is evaluated on (never seen by the tuner
 * or the classifier)
 * @param tuningCases the tuning rows as eval cases (task = eval_name)
 * @param evaluationCases the evaluation rows as eval cases
 * @param fraction share of each eval_name in the tuning part
 * @param seed the shuffle seed
 */
public record TuneSplit(List<RouterBenchRow> tuning, List<RouterBenchRow> evaluation, EvalDataset tuningCases,
		EvalDataset evaluationCases, double fraction, long seed) {

	/**
	 * Splits the rows of a dataset.
	 * @param data the rows (as merged by {@link ReplayData})
	 * @param name the dataset name used in reports
	 * @param fraction share of each eval_name that goes to the tuning part, in (0, 1)
	 * @param seed the shuffle seed
	 * @return the split
	 */
	public static TuneSplit of(RouterBenchDataset data, String name, double fraction, long seed) {
		if (!(fraction > 0 && fraction < 1)) {
			throw new IllegalArgumentException("the tuning fraction must be strictly between 0 and 1, got " + fraction);
		}
		EvalDataset all = EvalDataset.fromRouterBench(name, data);
		EvalDataset.Split split = all.split(fraction, seed);
		Map<String, RouterBenchRow> byId = new LinkedHashMap<>();
		for (RouterBenchRow row : data.rows()) {
			byId.putIfAbsent(row.sampleId(), row);
		}
		EvalDataset tuning = new EvalDataset(name + " tuning part", split.first().cases());
		EvalDataset evaluation = new EvalDataset(name + " evaluation part", split.second().cases());
		return new TuneSplit(rows(tuning, byId), rows(evaluation, byId), tuning, evaluation, fraction, seed);
	}

	private static List<RouterBenchRow> rows(EvalDataset cases, Map<String, RouterBenchRow> byId) {
		List<RouterBenchRow> rows = new ArrayList<>(cases.size());
		for (EvalCase c : cases.cases()) {
			rows.add(byId.get(c.id()));
		}
		return List.copyOf(rows);
	}

	/**
	 * The tuning part's prompts by eval_name (the classifier's class examples), in split
	 * order.
	 */
	public Map<String, List<String>> tuningPromptsByTask() {
		Map<String, List<String>> prompts = new LinkedHashMap<>();
		for (RouterBenchRow row : this.tuning) {
			prompts.computeIfAbsent(row.evalName(), (k) -> new ArrayList<>()).add(row.prompt());
		}
		return prompts;
	}

	/** Rows per eval_name of a part. */
	public static Map<String, Integer> counts(List<RouterBenchRow> rows) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		rows.forEach((row) -> counts.merge(row.evalName(), 1, Integer::sum));
		return counts;
	}

	/** sample_ids of a part. */
	public static Set<String> ids(List<RouterBenchRow> rows) {
		Set<String> ids = new HashSet<>();
		rows.forEach((row) -> ids.add(row.sampleId()));
		return ids;
	}

	/**
	 * A one-line description: sizes per eval_name and an order-independent fingerprint of
	 * the tuning ids.
	 */
	public String describe() {
		long fingerprint = 0;
		for (RouterBenchRow row : this.tuning) {
			fingerprint += row.sampleId().hashCode() * 0x9E3779B97F4A7C15L;
		}
		return String.format(Locale.ROOT,
				"split: seed %d, %.0f %% of each eval_name to tuning -> tuning %d %s, evaluation %d %s"
						+ " (disjoint on sample_id; tuning-id fingerprint %016x)",
				this.seed, 100 * this.fraction, this.tuning.size(), counts(this.tuning), this.evaluation.size(),
				counts(this.evaluation), fingerprint);
	}

}
