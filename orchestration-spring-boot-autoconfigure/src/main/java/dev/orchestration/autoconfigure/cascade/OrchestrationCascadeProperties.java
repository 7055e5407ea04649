package dev.orchestration.autoconfigure.cascade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.PropertyChecks;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.review.ReviewDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the cascade: verifiers, escalation path and limits, judge and agreement, per task.
 */
@ConfigurationProperties(OrchestrationCascadeProperties.CONFIG_PREFIX)
public class OrchestrationCascadeProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.cascade";

	/**
	 * Whether answers are verified and escalated.
	 */
	private boolean enabled;

	/**
	 * Verifiers of requests without a task policy, run in order: non-empty, not-truncated, refusal, json-schema,
	 * pattern, judge, agreement, or the name of a ResponseVerifier bean.
	 */
	private List<String> verifiers = new ArrayList<>(List.of("non-empty", "not-truncated", "refusal"));

	/**
	 * Tiers in escalation order; defaults to every tier in declaration order.
	 */
	private List<String> path = new ArrayList<>();

	/**
	 * The most escalations for one request.
	 */
	private int maxEscalations = 2;

	/**
	 * The most one request may cost over every answer and verifier call, in USD; 0 for no ceiling.
	 */
	private double maxCostPerRequest;

	/**
	 * Regex the "pattern" verifier requires in the answer.
	 */
	private @Nullable String pattern;

	/**
	 * The judge.
	 */
	private final Judge judge = new Judge();

	/**
	 * The agreement check.
	 */
	private final Agreement agreement = new Agreement();

	/**
	 * Pile-up protection: a token bucket on escalations.
	 */
	private final EscalationRate escalationRate = new EscalationRate();

	/**
	 * Policies per task hint, overriding the settings above.
	 */
	private Map<String, Task> tasks = new LinkedHashMap<>();

	/**
	 * How streamed requests are served: pass-through (streamed as the tier answers, not verified) or buffered (the
	 * cascade runs on whole answers and the chosen one is emitted as a stream; the first token waits for
	 * verification).
	 */
	private CascadePolicy.StreamMode stream = CascadePolicy.StreamMode.PASS_THROUGH;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getVerifiers() {
		return this.verifiers;
	}

	public void setVerifiers(List<String> verifiers) {
		this.verifiers = verifiers;
	}

	public List<String> getPath() {
		return this.path;
	}

	public void setPath(List<String> path) {
		this.path = path;
	}

	public int getMaxEscalations() {
		return this.maxEscalations;
	}

	public void setMaxEscalations(int maxEscalations) {
		this.maxEscalations = maxEscalations;
	}

	public double getMaxCostPerRequest() {
		return this.maxCostPerRequest;
	}

	public void setMaxCostPerRequest(double maxCostPerRequest) {
		this.maxCostPerRequest = maxCostPerRequest;
	}

	public @Nullable String getPattern() {
		return this.pattern;
	}

	public void setPattern(@Nullable String pattern) {
		this.pattern = pattern;
	}

	public Judge getJudge() {
		return this.judge;
	}

	public Agreement getAgreement() {
		return this.agreement;
	}

	public EscalationRate getEscalationRate() {
		return this.escalationRate;
	}

	public Map<String, Task> getTasks() {
		return this.tasks;
	}

	public void setTasks(Map<String, Task> tasks) {
		this.tasks = tasks;
	}

	public CascadePolicy.StreamMode getStream() {
		return this.stream;
	}

	public void setStream(CascadePolicy.StreamMode stream) {
		this.stream = stream;
	}


	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationCascadeProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationCascadeProperties properties = (OrchestrationCascadeProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		checks.atLeast("max-escalations", properties.getMaxEscalations(), 0, "set 0 (verify only) or more")
			.atLeast("max-cost-per-request", properties.getMaxCostPerRequest(), 0,
					"set USD of 0 (no bound) or more")
			.between("judge.threshold", properties.getJudge().getThreshold(), 0, 1, "set a score between 0 and 1")
			.positive("judge.timeout", properties.getJudge().getTimeout(), "set a duration greater than zero, e.g. 10s")
			.atLeast("escalation-rate.permits-per-second", properties.getEscalationRate().getPermitsPerSecond(), 0,
					"set 0 (no limit) or more")
			.atLeast("escalation-rate.burst", properties.getEscalationRate().getBurst(), 1, "set 1 or more, e.g. 10");
		properties.getTasks().forEach((task, settings) -> checks
			.atLeast("tasks." + task + ".max-escalations", settings.getMaxEscalations(), 0,
					"set 0 (verify only) or more")
			.atLeast("tasks." + task + ".max-cost-per-request", settings.getMaxCostPerRequest(), 0,
					"set USD of 0 (no bound) or more")
			.between("tasks." + task + ".judge-threshold", settings.getJudgeThreshold(), 0, 1,
					"set a score between 0 and 1"));
	}

	/**
	 * The judge: a tier that grades answers through structured output.
	 */
	public static class Judge {

		/**
		 * Tier that judges.
		 */
		private @Nullable String tier;

		/**
		 * Score (0..1) an answer needs.
		 */
		private double threshold = 0.7;

		/**
		 * How long the judge may take.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * What a judge timeout or unusable verdict means: accept the answer, or escalate.
		 */
		private CascadePolicy.JudgeFailurePolicy onFailure = CascadePolicy.JudgeFailurePolicy.ACCEPT;

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public CascadePolicy.JudgeFailurePolicy getOnFailure() {
			return this.onFailure;
		}

		public void setOnFailure(CascadePolicy.JudgeFailurePolicy onFailure) {
			this.onFailure = onFailure;
		}

	}

	/**
	 * The agreement check: a second model answers and the answers must agree.
	 */
	public static class Agreement {

		/**
		 * Tier whose answer must agree (same or cheaper than the answering tier).
		 */
		private @Nullable String tier;

		/**
		 * How answers are compared: choice, number, json or text.
		 */
		private AnswerNormalizer normalizer = AnswerNormalizer.TEXT;

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

		public AnswerNormalizer getNormalizer() {
			return this.normalizer;
		}

		public void setNormalizer(AnswerNormalizer normalizer) {
			this.normalizer = normalizer;
		}

	}

	/**
	 * Token bucket on escalations.
	 */
	public static class EscalationRate {

		/**
		 * Escalations allowed per second across all requests; 0 for no limit.
		 */
		private double permitsPerSecond;

		/**
		 * Escalations allowed in a burst.
		 */
		private int burst = 10;

		public double getPermitsPerSecond() {
			return this.permitsPerSecond;
		}

		public void setPermitsPerSecond(double permitsPerSecond) {
			this.permitsPerSecond = permitsPerSecond;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

	}

	/**
	 * The policy of one task; unset values come from the settings above.
	 */
	public static class Task {

		/**
		 * Verifiers, run in order.
		 */
		private @Nullable List<String> verifiers;

		/**
		 * Tiers in escalation order.
		 */
		private @Nullable List<String> path;

		/**
		 * The most escalations.
		 */
		private @Nullable Integer maxEscalations;

		/**
		 * The most a request may cost, in USD.
		 */
		private @Nullable Double maxCostPerRequest;

		/**
		 * Regex the "pattern" verifier requires.
		 */
		private @Nullable String pattern;

		/**
		 * Tier that judges.
		 */
		private @Nullable String judgeTier;

		/**
		 * Judge score (0..1) an answer needs.
		 */
		private @Nullable Double judgeThreshold;

		/**
		 * Tier whose answer must agree.
		 */
		private @Nullable String agreementTier;

		/**
		 * How answers are compared for agreement.
		 */
		private @Nullable AnswerNormalizer normalizer;

		/**
		 * How streamed requests of the task are served: pass-through or buffered.
		 */
		private CascadePolicy.@Nullable StreamMode stream;

		/**
		 * Human review of the task's answers (llm.review.* gives the defaults).
		 */
		private final Review review = new Review();

		public @Nullable List<String> getVerifiers() {
			return this.verifiers;
		}

		public void setVerifiers(@Nullable List<String> verifiers) {
			this.verifiers = verifiers;
		}

		public @Nullable List<String> getPath() {
			return this.path;
		}

		public void setPath(@Nullable List<String> path) {
			this.path = path;
		}

		public @Nullable Integer getMaxEscalations() {
			return this.maxEscalations;
		}

		public void setMaxEscalations(@Nullable Integer maxEscalations) {
			this.maxEscalations = maxEscalations;
		}

		public @Nullable Double getMaxCostPerRequest() {
			return this.maxCostPerRequest;
		}

		public void setMaxCostPerRequest(@Nullable Double maxCostPerRequest) {
			this.maxCostPerRequest = maxCostPerRequest;
		}

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public @Nullable String getJudgeTier() {
			return this.judgeTier;
		}

		public void setJudgeTier(@Nullable String judgeTier) {
			this.judgeTier = judgeTier;
		}

		public @Nullable Double getJudgeThreshold() {
			return this.judgeThreshold;
		}

		public void setJudgeThreshold(@Nullable Double judgeThreshold) {
			this.judgeThreshold = judgeThreshold;
		}

		public @Nullable String getAgreementTier() {
			return this.agreementTier;
		}

		public void setAgreementTier(@Nullable String agreementTier) {
			this.agreementTier = agreementTier;
		}

		public @Nullable AnswerNormalizer getNormalizer() {
			return this.normalizer;
		}

		public void setNormalizer(@Nullable AnswerNormalizer normalizer) {
			this.normalizer = normalizer;
		}

		public CascadePolicy.@Nullable StreamMode getStream() {
			return this.stream;
		}

		public void setStream(CascadePolicy.@Nullable StreamMode stream) {
			this.stream = stream;
		}

		public Review getReview() {
			return this.review;
		}

	}

	/**
	 * Human review of one task's answers; unset values come from llm.review.*.
	 */
	public static class Review {

		/**
		 * Whether an answer that failed every allowed step goes to human review.
		 */
		private @Nullable Boolean onUnverified;

		/**
		 * Whether every answer of the task goes to human review (a high-risk task).
		 */
		private boolean highRisk;

		/**
		 * What the caller gets when the answer goes to review: flag (the best answer, flagged in the cascade receipt)
		 * or exception (a ReviewRequiredException carrying the review id and receipt).
		 */
		private @Nullable ReviewDelivery delivery;

		public @Nullable Boolean getOnUnverified() {
			return this.onUnverified;
		}

		public void setOnUnverified(@Nullable Boolean onUnverified) {
			this.onUnverified = onUnverified;
		}

		public boolean isHighRisk() {
			return this.highRisk;
		}

		public void setHighRisk(boolean highRisk) {
			this.highRisk = highRisk;
		}

		public @Nullable ReviewDelivery getDelivery() {
			return this.delivery;
		}

		public void setDelivery(@Nullable ReviewDelivery delivery) {
			this.delivery = delivery;
		}

	}

}
