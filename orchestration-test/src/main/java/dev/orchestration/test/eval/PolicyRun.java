package dev.orchestration.test.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One policy run over a dataset: the per-case results and their aggregates.
 *
 * @param policy the policy name
 * @param cases per-case results in dataset order
 * @param metrics the aggregates
 */
public record PolicyRun(String policy, List<CaseResult> cases, EvalMetrics metrics) {

	public PolicyRun {
		Objects.requireNonNull(policy, "policy");
		cases = List.copyOf(cases);
	}

	public static PolicyRun of(String policy, List<CaseResult> cases) {
		return new PolicyRun(policy, cases, EvalMetrics.of(cases));
	}

	/**
	 * The metrics per task (cases without a task under {@code "(none)"}), in first-seen
	 * order.
	 */
	public Map<String, EvalMetrics> metricsByTask() {
		Map<String, List<CaseResult>> groups = this.cases.stream()
			.collect(Collectors.groupingBy((c) -> taskKey(c.task()), LinkedHashMap::new, Collectors.toList()));
		Map<String, EvalMetrics> out = new LinkedHashMap<>();
		groups.forEach((task, results) -> out.put(task, EvalMetrics.of(results)));
		return out;
	}

	static String taskKey(@Nullable String task) {
		return (task != null) ? task : "(none)";
	}

}
