package dev.orchestration.test.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Proposes per-class tier assignments from an evaluation of every tier on a labelled set:
 * for each class (task) the cheapest tier (lowest measured cost per request) whose pass
 * rate on that class meets the floor, and a default tier chosen the same way over all
 * cases; printed as a ready {@code application.yml} fragment.
 * <p>
 * The floor is absolute ({@link #absoluteFloor(double)}: pass rate at least x) or
 * relative to the best tier of the class ({@link #withinPointsOfBest(double)}: at most x
 * percentage points below it). When no tier meets an absolute floor, the best tier is
 * proposed.
 */
public final class RoutingTuner {

	private final boolean relative;

	private final double floor;

	private int minCases = 1;

	private RoutingTuner(boolean relative, double floor) {
		this.relative = relative;
		this.floor = floor;
	}

	/** Pass rate at least {@code passRate} (0..1). */
	public static RoutingTuner absoluteFloor(double passRate) {
		return new RoutingTuner(false, passRate);
	}

	/**
	 * Pass rate at most {@code points} percentage points below the best tier of the
	 * class.
	 */
	public static RoutingTuner withinPointsOfBest(double points) {
		return new RoutingTuner(true, points);
	}

	/**
	 * Classes with fewer labelled cases than this get no rule (they fall to the default
	 * tier).
	 */
	public RoutingTuner minCases(int minCases) {
		this.minCases = minCases;
		return this;
	}

	public String describeFloor() {
		return this.relative ? String.format(Locale.ROOT, "within %.1f points of the best tier", this.floor)
				: String.format(Locale.ROOT, "pass rate at least %.1f %%", 100 * this.floor);
	}

	/** One labelled outcome: a case answered by a tier. */
	public record TierOutcome(String caseId, @Nullable String task, String tier, boolean passed, double cost) {
	}

	/** Pass rate and cost of a tier on a class. */
	public record TierStats(String tier, int cases, double passRate, double costPerRequest) {
	}

	/** The proposal for one class (or, with a null task, the default). */
	public record Assignment(@Nullable String task, String tier, int cases, TierStats chosen, TierStats best,
			List<TierStats> tiers) {
	}

	/** A proposal: the default tier and one rule per class. */
	public record Proposal(Assignment defaultTier, List<Assignment> rules, String floor, int cases) {

		/**
		 * The proposal as an {@code application.yml} fragment, with the measured numbers
		 * as comments.
		 */
		public String toYaml() {
			StringBuilder yaml = new StringBuilder();
			yaml.append("# Proposed by RoutingTuner from ")
				.append(this.cases)
				.append(" labelled cases; floor: ")
				.append(this.floor)
				.append('\n');
			yaml.append("llm:\n  routing:\n");
			yaml.append("    default-tier: ")
				.append(this.defaultTier.tier())
				.append("   # all cases: ")
				.append(describe(this.defaultTier))
				.append('\n');
			if (!this.rules.isEmpty()) {
				yaml.append("    rules:\n");
				for (Assignment rule : this.rules) {
					yaml.append("      # ").append(rule.task()).append(": ").append(describe(rule)).append('\n');
					yaml.append("      - tier: ").append(rule.tier()).append('\n');
					yaml.append("        when:\n");
					yaml.append("          task: ").append(quote(Objects.requireNonNull(rule.task()))).append('\n');
				}
			}
			return yaml.toString();
		}

		/** The proposed tier of a class, or the default tier. */
		public String tierFor(@Nullable String task) {
			return this.rules.stream()
				.filter((r) -> task != null && task.equalsIgnoreCase(r.task()))
				.map(Assignment::tier)
				.findFirst()
				.orElse(this.defaultTier.tier());
		}

		private static String describe(Assignment a) {
			StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s pass %.1f %% at $%.3g/request", a.tier(),
					100 * a.chosen().passRate(), a.chosen().costPerRequest()));
			if (!a.best().tier().equals(a.tier())) {
				s.append(String.format(Locale.ROOT, " (best %s %.1f %% at $%.3g)", a.best().tier(),
						100 * a.best().passRate(), a.best().costPerRequest()));
			}
			s.append(", ").append(a.cases()).append(" cases");
			return s.toString();
		}

		private static String quote(String value) {
			return value.matches("[A-Za-z0-9_.-]+") ? value : "\"" + value.replace("\"", "\\\"") + "\"";
		}

	}

	/**
	 * Proposes from single-tier runs of the same labelled dataset.
	 * @param runsByTier tier name to the run with every case forced to that tier, in
	 * escalation order (cheapest first; the order breaks cost ties)
	 * @return the proposal
	 */
	public Proposal propose(Map<String, PolicyRun> runsByTier) {
		List<TierOutcome> outcomes = new ArrayList<>();
		runsByTier.forEach((tier, run) -> run.cases()
			.forEach((c) -> outcomes.add(new TierOutcome(c.id(), c.task(), tier, c.passed(), c.cost()))));
		return propose(outcomes);
	}

	/**
	 * Proposes from recorded per-model outcomes (RouterBench): the outcome of tier
	 * {@code t} on a case is the recorded correctness and cost of the model mapped to
	 * {@code t}. Cases missing a model are skipped.
	 */
	public Proposal proposeFromRecorded(EvalDataset dataset, Map<String, String> modelByTier) {
		List<TierOutcome> outcomes = new ArrayList<>();
		for (EvalCase c : dataset.cases()) {
			boolean complete = modelByTier.values()
				.stream()
				.allMatch((m) -> c.recorded().containsKey(m) && c.recordedCost().containsKey(m));
			if (!complete) {
				continue;
			}
			modelByTier.forEach((tier, model) -> outcomes.add(new TierOutcome(c.id(), c.task(), tier,
					c.recorded().get(model) >= 0.5, c.recordedCost().get(model))));
		}
		return propose(outcomes);
	}

	/**
	 * Proposes from raw outcomes; tiers are ordered by first appearance (cost ties go to
	 * the earlier tier).
	 */
	public Proposal propose(List<TierOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			throw new IllegalArgumentException("no labelled outcomes to tune from");
		}
		Set<String> tiers = new LinkedHashSet<>();
		Map<String, List<TierOutcome>> byTask = new LinkedHashMap<>();
		Set<String> caseIds = new LinkedHashSet<>();
		for (TierOutcome o : outcomes) {
			tiers.add(o.tier());
			caseIds.add(o.caseId());
			if (o.task() != null) {
				byTask.computeIfAbsent(o.task(), (k) -> new ArrayList<>()).add(o);
			}
		}
		Assignment fallback = choose(null, outcomes, tiers);
		List<Assignment> rules = new ArrayList<>();
		byTask.forEach((task, list) -> {
			Assignment a = choose(task, list, tiers);
			if (a.cases() >= this.minCases) {
				rules.add(a);
			}
		});
		return new Proposal(fallback, rules, describeFloor(), caseIds.size());
	}

	private Assignment choose(@Nullable String task, List<TierOutcome> outcomes, Set<String> tierOrder) {
		List<TierStats> stats = new ArrayList<>();
		for (String tier : tierOrder) {
			int n = 0;
			int passed = 0;
			double cost = 0;
			for (TierOutcome o : outcomes) {
				if (o.tier().equals(tier)) {
					n++;
					passed += o.passed() ? 1 : 0;
					cost += o.cost();
				}
			}
			if (n > 0) {
				stats.add(new TierStats(tier, n, (double) passed / n, cost / n));
			}
		}
		TierStats best = stats.get(0);
		for (TierStats s : stats) {
			if (s.passRate() > best.passRate()
					|| (s.passRate() == best.passRate() && s.costPerRequest() < best.costPerRequest())) {
				best = s;
			}
		}
		double required = this.relative ? best.passRate() - this.floor / 100.0 : this.floor;
		TierStats chosen = null;
		for (TierStats s : stats) {
			if (s.passRate() + 1e-12 >= required && (chosen == null || s.costPerRequest() < chosen.costPerRequest())) {
				chosen = s;
			}
		}
		if (chosen == null) {
			chosen = best;
		}
		int cases = (int) outcomes.stream().map(TierOutcome::caseId).distinct().count();
		return new Assignment(task, chosen.tier(), cases, chosen, best, stats);
	}

}
