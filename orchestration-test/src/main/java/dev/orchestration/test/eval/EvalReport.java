package dev.orchestration.test.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of evaluating a policy (the first run) and its baselines (typically
 * single-tier runs) on one dataset; writes JSON, Markdown and a cost-versus-quality chart
 * (one point per policy).
 *
 * @param dataset the dataset name
 * @param runs the primary run first, then the baselines
 */
public record EvalReport(String dataset, List<PolicyRun> runs) {

	public EvalReport {
		Objects.requireNonNull(dataset, "dataset");
		runs = List.copyOf(runs);
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("a report needs at least one run");
		}
	}

	/** The policy under evaluation. */
	public PolicyRun primary() {
		return this.runs.get(0);
	}

	public List<PolicyRun> baselines() {
		return this.runs.subList(1, this.runs.size());
	}

	public EvalMetrics metrics() {
		return primary().metrics();
	}

	public PolicyRun run(String policy) {
		return this.runs.stream()
			.filter((r) -> r.policy().equals(policy))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no run named " + policy + " in " + policyNames()));
	}

	public List<String> policyNames() {
		return this.runs.stream().map(PolicyRun::policy).toList();
	}

	/** This report with more runs appended (for example a second candidate policy). */
	public EvalReport with(PolicyRun... more) {
		List<PolicyRun> all = new ArrayList<>(this.runs);
		all.addAll(List.of(more));
		return new EvalReport(this.dataset, all);
	}

	/**
	 * The report as a JSON tree: per run, the metrics, the metrics per task and
	 * (optionally) every case.
	 */
	public ObjectNode toJson(boolean includeCases) {
		ObjectNode root = Json.object();
		root.put("dataset", this.dataset);
		root.put("primary", primary().policy());
		ArrayNode runsNode = root.putArray("runs");
		for (PolicyRun run : this.runs) {
			ObjectNode r = runsNode.addObject();
			r.put("policy", run.policy());
			r.set("metrics", Json.metrics(run.metrics()));
			ObjectNode byTask = r.putObject("byTask");
			run.metricsByTask().forEach((task, m) -> byTask.set(task, Json.metrics(m)));
			if (includeCases) {
				ArrayNode cases = r.putArray("cases");
				for (CaseResult c : run.cases()) {
					ObjectNode n = cases.addObject();
					n.put("id", c.id());
					Json.put(n, "task", c.task());
					Json.put(n, "tier", c.tier());
					Json.put(n, "model", c.model());
					n.put("passed", c.passed());
					Json.put(n, "score", (c.score() != null) ? c.score() : Double.NaN);
					Json.put(n, "cost", c.cost());
					Json.put(n, "latencyMillis", c.latencyMillis());
					n.put("escalated", c.escalated());
					Json.put(n, "error", c.error());
					n.put("detail", c.detail());
				}
			}
		}
		return root;
	}

	public Path writeJson(Path file, boolean includeCases) {
		return Json.write(file, toJson(includeCases));
	}

	/** The report as Markdown: one row per policy, then pass rate per task and policy. */
	public String toMarkdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Evaluation: ").append(this.dataset).append("\n\n");
		md.append("Primary policy: `")
			.append(primary().policy())
			.append("`; ")
			.append(primary().metrics().cases())
			.append(" cases. Cost counts every model called (cascade answers, verifiers, judges).\n\n");
		md.append("| policy | pass rate | mean judge score | total cost (USD) | cost / request | cost / success "
				+ "| escalation rate | p50 latency (ms) | p95 latency (ms) | errors | tier shares |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (PolicyRun run : this.runs) {
			EvalMetrics m = run.metrics();
			md.append("| ")
				.append(run.policy())
				.append(" | ")
				.append(pct(m.passRate()))
				.append(" | ")
				.append(num(m.meanScore(), 2))
				.append(" | ")
				.append(usd(m.totalCost()))
				.append(" | ")
				.append(usd(m.costPerRequest()))
				.append(" | ")
				.append(usd(m.costPerSuccess()))
				.append(" | ")
				.append(pct(m.escalationRate()))
				.append(" | ")
				.append(num(m.p50LatencyMillis(), 1))
				.append(" | ")
				.append(num(m.p95LatencyMillis(), 1))
				.append(" | ")
				.append(m.errors())
				.append(" | ")
				.append(shares(m.tierShares()))
				.append(" |\n");
		}
		Set<String> tasks = new LinkedHashSet<>();
		this.runs.forEach((r) -> tasks.addAll(r.metricsByTask().keySet()));
		if (tasks.size() > 1 || (tasks.size() == 1 && !tasks.contains("(none)"))) {
			md.append("\n## Pass rate and cost per request by task\n\n| task |");
			this.runs.forEach((r) -> md.append(' ').append(r.policy()).append(" |"));
			md.append("\n|---|");
			this.runs.forEach((r) -> md.append("---:|"));
			md.append('\n');
			for (String task : tasks) {
				md.append("| ").append(task).append(" |");
				for (PolicyRun r : this.runs) {
					EvalMetrics m = r.metricsByTask().get(task);
					md.append(' ')
						.append((m != null) ? pct(m.passRate()) + " / " + usd(m.costPerRequest()) : "-")
						.append(" |");
				}
				md.append('\n');
			}
		}
		return md.toString();
	}

	public Path writeMarkdown(Path file) {
		return Json.writeString(file, toMarkdown());
	}

	/** Cost per request (x) against pass rate (y), one labelled point per policy. */
	public Chart chart() {
		Chart chart = new Chart("Cost vs quality: " + this.dataset, "cost per request (USD)", "pass rate (%)");
		for (PolicyRun run : this.runs) {
			EvalMetrics m = run.metrics();
			chart.add(Chart.Series.points(run.policy(),
					List.of(new Chart.Point(m.costPerRequest(), 100 * m.passRate(), run.policy()))));
		}
		return chart;
	}

	public Path writeChart(Path file) {
		return chart().writePng(file);
	}

	/**
	 * Writes {@code <baseName>.json} (with cases), {@code .md} and {@code .png} into the
	 * directory.
	 */
	public List<Path> writeAll(Path directory, String baseName) {
		return List.of(writeJson(directory.resolve(baseName + ".json"), true),
				writeMarkdown(directory.resolve(baseName + ".md")), writeChart(directory.resolve(baseName + ".png")));
	}

	static String pct(double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "-";
	}

	static String num(double v, int decimals) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
	}

	static String usd(double v) {
		if (!Double.isFinite(v)) {
			return "-";
		}
		return (Math.abs(v) >= 0.01 || v == 0) ? String.format(Locale.ROOT, "$%.4f", v)
				: String.format(Locale.ROOT, "$%.3g", v);
	}

	static String shares(Map<String, Double> shares) {
		return shares.entrySet()
			.stream()
			.map((e) -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f%%", 100 * e.getValue()))
			.collect(Collectors.joining(", "));
	}

}
