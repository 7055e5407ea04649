package dev.orchestration.autoconfigure.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Drift detection: scheduled evaluations against a baseline, and passive drift of live
 * traffic.
 */
@ConfigurationProperties(OrchestrationDriftProperties.CONFIG_PREFIX)
public class OrchestrationDriftProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.drift";

	/**
	 * Whether drift detection runs (the scheduled checks, passive drift and the llmdrift
	 * health).
	 */
	private boolean enabled = true;

	/**
	 * Scheduled drift checks by name.
	 */
	private Map<String, Check> checks = new LinkedHashMap<>();

	/**
	 * Passive drift of each member from the audit records of live traffic.
	 */
	private final Passive passive = new Passive();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Check> getChecks() {
		return this.checks;
	}

	public void setChecks(Map<String, Check> checks) {
		this.checks = checks;
	}

	public Passive getPassive() {
		return this.passive;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationDriftProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationDriftProperties properties = (OrchestrationDriftProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		properties.getChecks().forEach((name, check) -> {
			String p = "checks." + name + ".";
			checks
				.require(check.getTier() != null || check.getTask() != null, p + "tier", null,
						"the check names neither a tier nor a task (class)",
						"set tier (the tier to evaluate) or task (whose class policy chooses the tier)")
				.require((check.getInterval() != null) != (check.getCron() != null), p + "interval",
						check.getInterval(), "give exactly one of interval and cron",
						"set interval (e.g. 1h) or cron (e.g. 0 0 * * * *), not both")
				.positive(p + "interval", check.getInterval(), "set a duration greater than zero, e.g. 1h")
				.notNegative(p + "initial-delay", check.getInitialDelay(), "set 0 or more, e.g. 1m")
				.require(check.getCron() == null || CronExpression.isValidExpression(check.getCron()), p + "cron",
						check.getCron(), "it is not a cron expression",
						"write six fields: second minute hour day month weekday, e.g. 0 0 * * * *")
				.require(!check.getCases().isEmpty() || check.getEvalSet() != null, p + "cases", null,
						"the check has no cases", "list cases (prompt, expected) or set eval-set to a JSON lines file")
				.aboveAndAtMost(p + "max-drop", check.getMaxDrop(), 0, 1,
						"set the allowed drop of the score, greater than 0 and at most 1, e.g. 0.1")
				.between(p + "baseline-score", check.getBaselineScore(), 0, 1,
						"set a score within 0..1, or remove it to take the first run's");
			for (int i = 0; i < check.getCases().size(); i++) {
				Case c = check.getCases().get(i);
				checks.require(c.getPrompt() != null && !c.getPrompt().isBlank(), p + "cases[" + i + "].prompt",
						c.getPrompt(), "the case has no prompt", "give the user message to send");
			}
		});
		checks
			.atLeast("passive.window-size", properties.getPassive().getWindowSize(), 2,
					"set the number of verified answers per member in the window, e.g. 200")
			.between("passive.max-judge-drop", properties.getPassive().getMaxJudgeDrop(), 0, 1,
					"set the allowed drop of the mean judge score within 0..1, e.g. 0.1")
			.between("passive.max-rate-rise", properties.getPassive().getMaxRateRise(), 0, 1,
					"set the allowed rise of the escalation and validator failure rates within 0..1, e.g. 0.1");
	}

	/** One scheduled check. */
	public static class Check {

		/**
		 * The tier every case is forced to; unset, the class policy of "task" chooses
		 * (and a drifted tier is re-tested until it passes).
		 */
		private @Nullable String tier;

		/**
		 * The task hint (class) sent with every case.
		 */
		private @Nullable String task;

		/**
		 * Time between runs (give this or "cron").
		 */
		private @Nullable Duration interval;

		/**
		 * Cron expression of the runs, six fields with seconds (give this or "interval").
		 */
		private @Nullable String cron;

		/**
		 * Time before the first run of an interval check.
		 */
		private Duration initialDelay = Duration.ofMinutes(1);

		/**
		 * The evaluation set, inline.
		 */
		private List<Case> cases = new ArrayList<>();

		/**
		 * A JSON lines evaluation set (a resource location such as
		 * classpath:drift/support.jsonl), one object per line with "prompt" and optional
		 * "id" and "expected" (the eval runner's field names); added to "cases".
		 */
		private @Nullable String evalSet;

		/**
		 * How an answer is scored: "exact" (equals expected, ignoring case and
		 * whitespace), "contains", "regex" (expected as a regex), or the name of a
		 * DriftGrader bean.
		 */
		private String grader = "exact";

		/**
		 * The score to compare with (0..1); unset, the first run's score is the baseline.
		 */
		private @Nullable Double baselineScore;

		/**
		 * How far the score may fall below the baseline before the check counts as
		 * drifted (absolute, 0..1].
		 */
		private double maxDrop = 0.1;

		/**
		 * Whether a drifted tier is taken out of the class policies until a run passes
		 * again.
		 */
		private boolean removeOnDrift;

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

		public @Nullable String getTask() {
			return this.task;
		}

		public void setTask(@Nullable String task) {
			this.task = task;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public List<Case> getCases() {
			return this.cases;
		}

		public void setCases(List<Case> cases) {
			this.cases = cases;
		}

		public @Nullable String getEvalSet() {
			return this.evalSet;
		}

		public void setEvalSet(@Nullable String evalSet) {
			this.evalSet = evalSet;
		}

		public String getGrader() {
			return this.grader;
		}

		public void setGrader(String grader) {
			this.grader = grader;
		}

		public @Nullable Double getBaselineScore() {
			return this.baselineScore;
		}

		public void setBaselineScore(@Nullable Double baselineScore) {
			this.baselineScore = baselineScore;
		}

		public double getMaxDrop() {
			return this.maxDrop;
		}

		public void setMaxDrop(double maxDrop) {
			this.maxDrop = maxDrop;
		}

		public boolean isRemoveOnDrift() {
			return this.removeOnDrift;
		}

		public void setRemoveOnDrift(boolean removeOnDrift) {
			this.removeOnDrift = removeOnDrift;
		}

	}

	/** One case of an inline evaluation set. */
	public static class Case {

		/**
		 * A stable identifier (defaults to the position).
		 */
		private @Nullable String id;

		/**
		 * The user message sent.
		 */
		private @Nullable String prompt;

		/**
		 * The reference answer the grader compares with.
		 */
		private @Nullable String expected;

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getPrompt() {
			return this.prompt;
		}

		public void setPrompt(@Nullable String prompt) {
			this.prompt = prompt;
		}

		public @Nullable String getExpected() {
			return this.expected;
		}

		public void setExpected(@Nullable String expected) {
			this.expected = expected;
		}

	}

	/** Passive drift. */
	public static class Passive {

		/**
		 * Whether passive drift is tracked (needs the audit trail, llm.audit.enabled).
		 */
		private boolean enabled = true;

		/**
		 * Verified answers per member in the sliding window; the first full window is the
		 * member's baseline.
		 */
		private int windowSize = 200;

		/**
		 * How far a member's mean judge score may fall below its baseline (absolute,
		 * 0..1).
		 */
		private double maxJudgeDrop = 0.1;

		/**
		 * How far a member's escalation rate or validator failure rate may rise above its
		 * baseline (absolute, 0..1).
		 */
		private double maxRateRise = 0.1;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getWindowSize() {
			return this.windowSize;
		}

		public void setWindowSize(int windowSize) {
			this.windowSize = windowSize;
		}

		public double getMaxJudgeDrop() {
			return this.maxJudgeDrop;
		}

		public void setMaxJudgeDrop(double maxJudgeDrop) {
			this.maxJudgeDrop = maxJudgeDrop;
		}

		public double getMaxRateRise() {
			return this.maxRateRise;
		}

		public void setMaxRateRise(double maxRateRise) {
			this.maxRateRise = maxRateRise;
		}

	}

}
