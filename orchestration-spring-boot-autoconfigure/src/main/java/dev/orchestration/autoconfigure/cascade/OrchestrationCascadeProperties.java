package dev.orchestration.autoconfigure.cascade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import dev.orchestration.cascade.Adjustment;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.cascade.EnsembleSettings;
import dev.orchestration.cascade.RetrySettings;
import dev.orchestration.review.ReviewDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the cascade: verifiers, escalation path and limits, judge and
 * agreement, per task.
 */
@ConfigurationProperties(OrchestrationCascadeProperties.CONFIG_PREFIX)
public class OrchestrationCascadeProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.cascade";

	/**
	 * Whether answers are verified and escalated.
	 */
	private boolean enabled;

	/**
	 * Verifiers of requests without a task policy, run in order: non-empty,
	 * not-truncated, refusal, json-schema, pattern, judge, agreement, or the name of a
	 * ResponseVerifier bean.
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
	 * The most one request may cost over every answer and verifier call, in USD; 0 for no
	 * ceiling.
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
	 * The vote verifier ("vote"): more members answer and a quorum must agree.
	 */
	private Vote vote = new Vote();

	/**
	 * A parallel ensemble that gives the first answer; off while it has no members.
	 */
	private Ensemble ensemble = new Ensemble();

	/**
	 * Retries of the same tier with adjusted parameters before escalating.
	 */
	private Retry retry = new Retry();

	/**
	 * Pile-up protection: a token bucket on escalations.
	 */
	private final EscalationRate escalationRate = new EscalationRate();

	/**
	 * Policies per task hint, overriding the settings above.
	 */
	private Map<String, Task> tasks = new LinkedHashMap<>();

	/**
	 * How streamed requests are served: pass-through (streamed as the tier answers, not
	 * verified) or buffered (the cascade runs on whole answers and the chosen one is
	 * emitted as a stream; the first token waits for verification).
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

	public Vote getVote() {
		return this.vote;
	}

	public void setVote(Vote vote) {
		this.vote = vote;
	}

	public Ensemble getEnsemble() {
		return this.ensemble;
	}

	public void setEnsemble(Ensemble ensemble) {
		this.ensemble = ensemble;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public void setRetry(Retry retry) {
		this.retry = retry;
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
			.atLeast("max-cost-per-request", properties.getMaxCostPerRequest(), 0, "set USD of 0 (no bound) or more")
			.between("judge.threshold", properties.getJudge().getThreshold(), 0, 1, "set a score between 0 and 1")
			.positive("judge.timeout", properties.getJudge().getTimeout(), "set a duration greater than zero, e.g. 10s")
			.atLeast("escalation-rate.permits-per-second", properties.getEscalationRate().getPermitsPerSecond(), 0,
					"set 0 (no limit) or more")
			.atLeast("escalation-rate.burst", properties.getEscalationRate().getBurst(), 1, "set 1 or more, e.g. 10");
		properties.getVote().validate(checks, "vote");
		properties.getEnsemble().validate(checks, "ensemble");
		properties.getRetry().validate(checks, "retry");
		properties.getTasks().forEach((task, settings) -> {
			checks
				.atLeast("tasks." + task + ".max-escalations", settings.getMaxEscalations(), 0,
						"set 0 (verify only) or more")
				.atLeast("tasks." + task + ".max-cost-per-request", settings.getMaxCostPerRequest(), 0,
						"set USD of 0 (no bound) or more")
				.between("tasks." + task + ".judge-threshold", settings.getJudgeThreshold(), 0, 1,
						"set a score between 0 and 1");
			if (settings.getVote() != null) {
				settings.getVote().validate(checks, "tasks." + task + ".vote");
			}
			if (settings.getEnsemble() != null) {
				settings.getEnsemble().validate(checks, "tasks." + task + ".ensemble");
			}
			if (settings.getRetry() != null) {
				settings.getRetry().validate(checks, "tasks." + task + ".retry");
			}
		});
	}

	private static void checkWeights(PropertyChecks checks, String prefix, Map<String, Double> weights) {
		weights.forEach((key, weight) -> checks.atLeast(prefix + ".weights." + key, weight, 0,
				"set a weight of 0 or more (1 is a plain vote)"));
	}

	/**
	 * The vote: voter tiers and samples of the answering tier answer too, in parallel,
	 * and the (weighted) votes that agree with the answer, its own included, must reach
	 * the quorum.
	 */
	public static class Vote {

		/**
		 * Tiers that each answer once more.
		 */
		private List<String> voters = new ArrayList<>();

		/**
		 * Further samples of the answering tier itself (self-consistency); 0 for none.
		 */
		private int samples;

		/**
		 * Temperature of the samples; unset keeps the request's.
		 */
		private @Nullable Double temperature;

		/**
		 * Weight that must agree with the answer, its own vote included (a count when no
		 * weights are set).
		 */
		private double quorum = 2;

		/**
		 * How answers are compared: choice, number, label, json (field by field) or text.
		 */
		private AnswerNormalizer normalizer = AnswerNormalizer.TEXT;

		/**
		 * Weight of a vote by member id, else by tier name (for example from evaluation
		 * accuracy); 1 otherwise.
		 */
		private Map<String, Double> weights = new LinkedHashMap<>();

		/**
		 * The most vote calls in flight at once for one request.
		 */
		private int maxConcurrency = 4;

		/**
		 * How long the votes of one request may take; later votes count as failed.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		void validate(PropertyChecks checks, String prefix) {
			checks.atLeast(prefix + ".samples", this.samples, 0, "set 0 (no self-consistency samples) or more")
				.between(prefix + ".temperature", this.temperature, 0, 2, "set a temperature between 0 and 2")
				.require(this.quorum > 0, prefix + ".quorum", this.quorum,
						"the quorum " + this.quorum + " is not greater than zero",
						"set the weight that must agree, e.g. 2")
				.atLeast(prefix + ".max-concurrency", this.maxConcurrency, 1, "set 1 or more, e.g. 4")
				.positive(prefix + ".timeout", this.timeout, "set a duration greater than zero, e.g. 30s");
			checkWeights(checks, prefix, this.weights);
		}

		public List<String> getVoters() {
			return this.voters;
		}

		public void setVoters(List<String> voters) {
			this.voters = voters;
		}

		public int getSamples() {
			return this.samples;
		}

		public void setSamples(int samples) {
			this.samples = samples;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public double getQuorum() {
			return this.quorum;
		}

		public void setQuorum(double quorum) {
			this.quorum = quorum;
		}

		public AnswerNormalizer getNormalizer() {
			return this.normalizer;
		}

		public void setNormalizer(AnswerNormalizer normalizer) {
			this.normalizer = normalizer;
		}

		public Map<String, Double> getWeights() {
			return this.weights;
		}

		public void setWeights(Map<String, Double> weights) {
			this.weights = weights;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * A parallel ensemble as the first step: the request goes to several tiers at once
	 * and one answer is picked.
	 */
	public static class Ensemble {

		/**
		 * Tiers asked at once, in order of preference; no ensemble while empty.
		 */
		private List<String> members = new ArrayList<>();

		/**
		 * How the answer is picked: vote, judge (the judge tier scores every valid
		 * answer) or first-valid (hedged).
		 */
		private EnsembleSettings.Pick pick = EnsembleSettings.Pick.VOTE;

		/**
		 * For pick=vote: weight the winning answer needs.
		 */
		private double quorum = 2;

		/**
		 * For pick=vote: how answers are compared.
		 */
		private AnswerNormalizer normalizer = AnswerNormalizer.TEXT;

		/**
		 * For pick=vote: weight of a vote by member id, else by tier name; 1 otherwise.
		 */
		private Map<String, Double> weights = new LinkedHashMap<>();

		/**
		 * The most members called at once.
		 */
		private int maxConcurrency = 4;

		/**
		 * USD the members of one request may cost, estimated before each call; 0 for no
		 * bound.
		 */
		private double maxCost;

		/**
		 * Output tokens a call is estimated at when neither the request nor the member
		 * sets max tokens.
		 */
		private int estimatedOutputTokens = 1024;

		/**
		 * How long the ensemble may take; members still running are then cancelled.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * Tier asked (and verified as usual) when the ensemble picks no answer; unset to
		 * end there.
		 */
		private @Nullable String escalateTo;

		void validate(PropertyChecks checks, String prefix) {
			checks.require(this.quorum > 0, prefix + ".quorum", this.quorum,
					"the quorum " + this.quorum + " is not greater than zero", "set the weight that must agree, e.g. 2")
				.atLeast(prefix + ".max-concurrency", this.maxConcurrency, 1, "set 1 or more, e.g. 4")
				.atLeast(prefix + ".max-cost", this.maxCost, 0, "set USD of 0 (no bound) or more")
				.atLeast(prefix + ".estimated-output-tokens", this.estimatedOutputTokens, 1, "set 1 or more, e.g. 1024")
				.positive(prefix + ".timeout", this.timeout, "set a duration greater than zero, e.g. 60s");
			checkWeights(checks, prefix, this.weights);
		}

		public List<String> getMembers() {
			return this.members;
		}

		public void setMembers(List<String> members) {
			this.members = members;
		}

		public EnsembleSettings.Pick getPick() {
			return this.pick;
		}

		public void setPick(EnsembleSettings.Pick pick) {
			this.pick = pick;
		}

		public double getQuorum() {
			return this.quorum;
		}

		public void setQuorum(double quorum) {
			this.quorum = quorum;
		}

		public AnswerNormalizer getNormalizer() {
			return this.normalizer;
		}

		public void setNormalizer(AnswerNormalizer normalizer) {
			this.normalizer = normalizer;
		}

		public Map<String, Double> getWeights() {
			return this.weights;
		}

		public void setWeights(Map<String, Double> weights) {
			this.weights = weights;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public double getMaxCost() {
			return this.maxCost;
		}

		public void setMaxCost(double maxCost) {
			this.maxCost = maxCost;
		}

		public int getEstimatedOutputTokens() {
			return this.estimatedOutputTokens;
		}

		public void setEstimatedOutputTokens(int estimatedOutputTokens) {
			this.estimatedOutputTokens = estimatedOutputTokens;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getEscalateTo() {
			return this.escalateTo;
		}

		public void setEscalateTo(@Nullable String escalateTo) {
			this.escalateTo = escalateTo;
		}

	}

	/**
	 * Retries of the same tier with adjusted parameters, per verifier that rejected the
	 * answer.
	 */
	public static class Retry {

		/**
		 * The most retries of one request over all tiers; 0 never retries.
		 */
		private int maxRetries = 2;

		/**
		 * Ordered adjustments per verifier name ("any" for the others): the n-th retry
		 * after that verifier rejected applies the first n of them.
		 */
		private Map<String, List<Adjustment>> on = new LinkedHashMap<>();

		/**
		 * Temperature the lower-temperature adjustment sets.
		 */
		private double temperature;

		/**
		 * Factor the larger-max-tokens adjustment multiplies max tokens by.
		 */
		private double maxTokensFactor = 2;

		/**
		 * System message the stricter-system-hint adjustment adds.
		 */
		private String systemHint = RetrySettings.DEFAULT_SYSTEM_HINT;

		void validate(PropertyChecks checks, String prefix) {
			checks.atLeast(prefix + ".max-retries", this.maxRetries, 0, "set 0 (no retries) or more, e.g. 2")
				.between(prefix + ".temperature", this.temperature, 0, 2, "set a temperature between 0 and 2")
				.require(this.maxTokensFactor > 1, prefix + ".max-tokens-factor", this.maxTokensFactor,
						"the factor " + this.maxTokensFactor + " does not raise max tokens", "set more than 1, e.g. 2")
				.require(!this.systemHint.isBlank(), prefix + ".system-hint", this.systemHint,
						"the system hint is blank", "set the instruction to add, or remove the property");
		}

		RetrySettings settings() {
			return new RetrySettings(this.maxRetries, this.on, this.temperature, this.maxTokensFactor, this.systemHint);
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Map<String, List<Adjustment>> getOn() {
			return this.on;
		}

		public void setOn(Map<String, List<Adjustment>> on) {
			this.on = on;
		}

		public double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(double temperature) {
			this.temperature = temperature;
		}

		public double getMaxTokensFactor() {
			return this.maxTokensFactor;
		}

		public void setMaxTokensFactor(double maxTokensFactor) {
			this.maxTokensFactor = maxTokensFactor;
		}

		public String getSystemHint() {
			return this.systemHint;
		}

		public void setSystemHint(String systemHint) {
			this.systemHint = systemHint;
		}

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

		/**
		 * The task's vote; replaces llm.cascade.vote as a whole.
		 */
		private @Nullable Vote vote;

		/**
		 * The task's ensemble; replaces llm.cascade.ensemble as a whole.
		 */
		private @Nullable Ensemble ensemble;

		/**
		 * The task's retries; replace llm.cascade.retry as a whole.
		 */
		private @Nullable Retry retry;

		public @Nullable Vote getVote() {
			return this.vote;
		}

		public void setVote(@Nullable Vote vote) {
			this.vote = vote;
		}

		public @Nullable Ensemble getEnsemble() {
			return this.ensemble;
		}

		public void setEnsemble(@Nullable Ensemble ensemble) {
			this.ensemble = ensemble;
		}

		public @Nullable Retry getRetry() {
			return this.retry;
		}

		public void setRetry(@Nullable Retry retry) {
			this.retry = retry;
		}

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
		 * What the caller gets when the answer goes to review: flag (the best answer,
		 * flagged in the cascade receipt) or exception (a ReviewRequiredException
		 * carrying the review id and receipt).
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
