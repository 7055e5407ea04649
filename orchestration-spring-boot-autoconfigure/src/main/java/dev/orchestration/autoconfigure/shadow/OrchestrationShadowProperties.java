package dev.orchestration.autoconfigure.shadow;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.autoconfigure.internal.PropertyChecks;
import dev.orchestration.cascade.AnswerNormalizer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of shadow traffic: which share of live requests is also sent to a
 * candidate routing policy, within which bounds, and how the answers are compared.
 */
@ConfigurationProperties(OrchestrationShadowProperties.CONFIG_PREFIX)
public class OrchestrationShadowProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.shadow";

	/**
	 * Whether a share of live requests is also sent to the candidate routing policy.
	 */
	private boolean enabled;

	/**
	 * Share of requests shadowed, 0..1 (sampled deterministically, evenly spread).
	 */
	private double sampleRate = 0.1;

	/**
	 * USD the shadow calls (candidate and judge) may spend per UTC day; shadowing stops
	 * for the rest of the day once reached. 0 stops it at once.
	 */
	private double maxCostPerDay = 1;

	/**
	 * Threads running shadow calls.
	 */
	private int threads = 2;

	/**
	 * Shadow calls that may wait for a thread; more are dropped (and counted).
	 */
	private int queueCapacity = 100;

	/**
	 * Extra normalizer for agreement, besides TEXT: CHOICE, NUMBER or JSON.
	 */
	private @Nullable AnswerNormalizer normalizer;

	/**
	 * How many recent comparisons the endpoint shows.
	 */
	private int recentComparisons = 50;

	/**
	 * The candidate routing policy.
	 */
	private final Candidate candidate = new Candidate();

	/**
	 * Optional judge grading both answers.
	 */
	private final Judge judge = new Judge();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public double getMaxCostPerDay() {
		return this.maxCostPerDay;
	}

	public void setMaxCostPerDay(double maxCostPerDay) {
		this.maxCostPerDay = maxCostPerDay;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public @Nullable AnswerNormalizer getNormalizer() {
		return this.normalizer;
	}

	public void setNormalizer(@Nullable AnswerNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	public int getRecentComparisons() {
		return this.recentComparisons;
	}

	public void setRecentComparisons(int recentComparisons) {
		this.recentComparisons = recentComparisons;
	}

	public Candidate getCandidate() {
		return this.candidate;
	}

	public Judge getJudge() {
		return this.judge;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationShadowProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationShadowProperties properties = (OrchestrationShadowProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		checks
			.between("sample-rate", properties.getSampleRate(), 0, 1,
					"set a share between 0 (shadow nothing) and 1 (shadow every request), e.g. 0.05")
			.atLeast("max-cost-per-day", properties.getMaxCostPerDay(), 0,
					"set the USD the shadow calls may spend per day, 0 or more (0 stops shadowing), e.g. 1.0")
			.atLeast("threads", properties.getThreads(), 1, "set 1 or more, e.g. 2")
			.atLeast("queue-capacity", properties.getQueueCapacity(), 0, "set 0 or more, e.g. 100")
			.atLeast("recent-comparisons", properties.getRecentComparisons(), 0, "set 0 or more, e.g. 50");
		List<OrchestrationProperties.Rule> rules = properties.getCandidate().getRouting().getRules();
		for (int i = 0; i < rules.size(); i++) {
			rules.get(i).getWhen().validate(checks, "candidate.routing.rules[" + i + "].when");
		}
	}

	/**
	 * The candidate routing policy.
	 */
	public static class Candidate {

		/**
		 * Default tier and rules of the candidate, in the syntax of llm.routing.
		 */
		private final Routing routing = new Routing();

		public Routing getRouting() {
			return this.routing;
		}

	}

	/**
	 * Default tier and rules of the candidate policy; failover settings are the live
	 * ones.
	 */
	public static class Routing {

		/**
		 * Tier for requests that no hint or rule routes; defaults to the live default
		 * tier.
		 */
		private @Nullable String defaultTier;

		/**
		 * Rules in order, as llm.routing.rules; the first whose conditions all hold picks
		 * the tier.
		 */
		private List<OrchestrationProperties.Rule> rules = new ArrayList<>();

		public @Nullable String getDefaultTier() {
			return this.defaultTier;
		}

		public void setDefaultTier(@Nullable String defaultTier) {
			this.defaultTier = defaultTier;
		}

		public List<OrchestrationProperties.Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<OrchestrationProperties.Rule> rules) {
			this.rules = rules;
		}

	}

	/**
	 * A judge tier grading the live and the candidate answer (costs count against
	 * max-cost-per-day).
	 */
	public static class Judge {

		/**
		 * Tier that grades both answers; unset for no judge.
		 */
		private @Nullable String tier;

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

	}

}
