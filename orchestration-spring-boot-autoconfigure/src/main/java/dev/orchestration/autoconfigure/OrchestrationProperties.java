package dev.orchestration.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the LLM orchestration starter: tiers of models, routing rules,
 * failover and visibility. Validated by the binder (ranges, durations); what needs beans
 * or other tiers is checked when the router is built.
 */
@ConfigurationProperties(OrchestrationProperties.CONFIG_PREFIX)
public class OrchestrationProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm";

	/**
	 * Whether the router is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Model tiers by name, cheapest first: the declaration order is the escalation path.
	 */
	private Map<String, Tier> tiers = new LinkedHashMap<>();

	/**
	 * How requests are routed to tiers.
	 */
	private final Routing routing = new Routing();

	/**
	 * Failover, cool-downs and circuit breakers.
	 */
	private final Resilience resilience = new Resilience();

	/**
	 * What the endpoint, decisions and logs may show.
	 */
	private final Observability observability = new Observability();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Tier> getTiers() {
		return this.tiers;
	}

	public void setTiers(Map<String, Tier> tiers) {
		this.tiers = tiers;
	}

	public Routing getRouting() {
		return this.routing;
	}

	public Resilience getResilience() {
		return this.resilience;
	}

	public Observability getObservability() {
		return this.observability;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationProperties properties = (OrchestrationProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		properties.tiers.forEach((name, tier) -> tier.validate(checks, "tiers." + name));
		properties.routing.validate(checks, "routing");
		properties.resilience.validate(checks, "resilience");
		properties.observability.validate(checks, "observability");
	}

	/**
	 * A tier: models of similar price and quality.
	 */
	public static class Tier {

		/**
		 * Members of the tier in failover order.
		 */
		private List<Member> models = new ArrayList<>();

		/**
		 * Whether escalation and fall-back may send other tiers' failed requests here.
		 * Set false for a tier that only judges or votes for the cascade, so it never
		 * answers users; requests routed to it by a hint, a rule or a redirect are still
		 * served.
		 */
		private boolean failoverTarget = true;

		public List<Member> getModels() {
			return this.models;
		}

		public void setModels(List<Member> models) {
			this.models = models;
		}

		public boolean isFailoverTarget() {
			return this.failoverTarget;
		}

		public void setFailoverTarget(boolean failoverTarget) {
			this.failoverTarget = failoverTarget;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks.require(!this.models.isEmpty(), prefix + ".models", null, "the tier has no models",
					"add at least one member, e.g. llm." + prefix + ".models[0].chat-model=<ChatModel bean name>, "
							+ "or remove the tier");
			for (int i = 0; i < this.models.size(); i++) {
				this.models.get(i).validate(checks, prefix + ".models[" + i + "]");
			}
		}

	}

	/**
	 * A tier member: a ChatModel bean, the model name sent with each call, options and
	 * price.
	 */
	public static class Member {

		/**
		 * Member id, also its circuit breaker id; defaults to "<tier>-<model>" (or
		 * "<tier>-<provider>", "<tier>-<bean>").
		 */
		private @Nullable String id;

		/**
		 * Bean name of the Spring AI ChatModel that makes the calls, for example
		 * "openAiChatModel" (or set provider).
		 */
		private @Nullable String chatModel;

		/**
		 * Id of a provider endpoint declared under llm.providers, instead of a ChatModel
		 * bean.
		 */
		private @Nullable String provider;

		/**
		 * Model name sent with each call; defaults to the chat model's own default model.
		 */
		private @Nullable String model;

		/**
		 * Sampling temperature for this member.
		 */
		private @Nullable Double temperature;

		/**
		 * Maximum completion tokens for this member.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * Nucleus sampling for this member.
		 */
		private @Nullable Double topP;

		/**
		 * Price of the model.
		 */
		private final Price price = new Price();

		/**
		 * Share of the tier's first attempts relative to the other members' weights (for
		 * example 80 and 20); a member without a weight in a weighted tier gets 0
		 * (failover only). No weight anywhere in the tier: the first member gets every
		 * first attempt.
		 */
		private @Nullable Double weight;

		/**
		 * Makes the member a canary: a share of the tier's first attempts that ramps step
		 * by step while its guards hold (set canary.steps to enable).
		 */
		private final Canary canary = new Canary();

		public @Nullable Double getWeight() {
			return this.weight;
		}

		public void setWeight(@Nullable Double weight) {
			this.weight = weight;
		}

		public Canary getCanary() {
			return this.canary;
		}

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getChatModel() {
			return this.chatModel;
		}

		public void setChatModel(@Nullable String chatModel) {
			this.chatModel = chatModel;
		}

		public @Nullable String getProvider() {
			return this.provider;
		}

		public void setProvider(@Nullable String provider) {
			this.provider = provider;
		}

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public Price getPrice() {
			return this.price;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks.atLeast(prefix + ".max-tokens", this.maxTokens, 1, "set 1 or more completion tokens, or remove it")
				.between(prefix + ".temperature", this.temperature, 0, 2, "set a temperature between 0 and 2")
				.between(prefix + ".top-p", this.topP, 0, 1, "set a probability mass between 0 and 1");
			checks
				.atLeast(prefix + ".price.input-per-million", this.price.inputPerMillion, 0,
						"set a price of 0 or more (USD per million tokens)")
				.atLeast(prefix + ".price.output-per-million", this.price.outputPerMillion, 0,
						"set a price of 0 or more (USD per million tokens)");
			checks.atLeast(prefix + ".weight", this.weight, 0,
					"set a weight of 0 or more (relative to the tier's " + "other weights), or remove it");
			checks.require(this.weight == null || !this.canary.isEnabled(), prefix + ".weight", this.weight,
					"a canary takes its share from canary.steps, not from a weight",
					"remove " + prefix + ".weight or " + prefix + ".canary");
			this.canary.validate(checks, prefix + ".canary");
		}

	}

	/**
	 * A canary ramp: steps of share and duration, and the guards that must hold for it to
	 * advance.
	 */
	public static class Canary {

		/**
		 * Steps of the ramp in order, for example share 1 for 10m, 5 for 30m, 25 for 1h,
		 * then 100.
		 */
		private List<CanaryStepSettings> steps = new ArrayList<>();

		/**
		 * What must hold over the guard window to advance; breaking one rolls the canary
		 * back to 0 %.
		 */
		private final CanaryGuardSettings guards = new CanaryGuardSettings();

		public List<CanaryStepSettings> getSteps() {
			return this.steps;
		}

		public void setSteps(List<CanaryStepSettings> steps) {
			this.steps = steps;
		}

		public CanaryGuardSettings getGuards() {
			return this.guards;
		}

		public boolean isEnabled() {
			return !this.steps.isEmpty();
		}

		void validate(PropertyChecks checks, String prefix) {
			double previous = 0;
			for (int i = 0; i < this.steps.size(); i++) {
				CanaryStepSettings step = this.steps.get(i);
				String at = prefix + ".steps[" + i + "]";
				checks.aboveAndAtMost(at + ".share", step.getShare(), 0, 100,
						"set a share above 0 and at most 100 (percent of the tier's first attempts)");
				checks.require(step.getShare() >= previous, at + ".share", step.getShare(),
						"the share is lower than the step before (" + previous + ")",
						"order the steps by rising share; a roll-back is automatic");
				checks.positive(at + ".duration", step.getDuration(), "set how long the step holds, e.g. 10m");
				checks.require(step.getDuration() != null || i == this.steps.size() - 1, at + ".duration", null,
						"only the last step may go without a duration",
						"set how long the step holds before the next one, e.g. " + at + ".duration=10m");
				previous = step.getShare();
			}
			if (isEnabled()) {
				this.guards.validate(checks, prefix + ".guards");
			}
		}

	}

	/**
	 * One step of a canary ramp.
	 */
	public static class CanaryStepSettings {

		/**
		 * Share of the tier's first attempts in percent (above 0, at most 100).
		 */
		private double share;

		/**
		 * How long the step holds before the ramp advances (if the guards hold); none on
		 * the last step: it holds.
		 */
		private @Nullable Duration duration;

		public double getShare() {
			return this.share;
		}

		public void setShare(double share) {
			this.share = share;
		}

		public @Nullable Duration getDuration() {
			return this.duration;
		}

		public void setDuration(@Nullable Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * Guards of a canary, measured over a sliding window.
	 */
	public static class CanaryGuardSettings {

		/**
		 * How far back the guard values reach.
		 */
		private Duration window = Duration.ofMinutes(5);

		/**
		 * Calls the window needs before a guard is judged (fewer: the ramp neither
		 * advances nor rolls back).
		 */
		private int minRequests = 20;

		/**
		 * Highest share of failed calls (0..1).
		 */
		private @Nullable Double maxErrorRate = 0.05;

		/**
		 * Highest p95 latency of the canary's calls; unchecked when unset.
		 */
		private @Nullable Duration maxP95Latency;

		/**
		 * Lowest mean cascade verifier score (0..1) of the canary's answers; unchecked
		 * when unset or no cascade runs.
		 */
		private @Nullable Double minJudgeScore;

		/**
		 * Highest share (0..1) of the canary's answers the cascade escalated; unchecked
		 * when unset or no cascade runs.
		 */
		private @Nullable Double maxEscalationRate;

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMinRequests() {
			return this.minRequests;
		}

		public void setMinRequests(int minRequests) {
			this.minRequests = minRequests;
		}

		public @Nullable Double getMaxErrorRate() {
			return this.maxErrorRate;
		}

		public void setMaxErrorRate(@Nullable Double maxErrorRate) {
			this.maxErrorRate = maxErrorRate;
		}

		public @Nullable Duration getMaxP95Latency() {
			return this.maxP95Latency;
		}

		public void setMaxP95Latency(@Nullable Duration maxP95Latency) {
			this.maxP95Latency = maxP95Latency;
		}

		public @Nullable Double getMinJudgeScore() {
			return this.minJudgeScore;
		}

		public void setMinJudgeScore(@Nullable Double minJudgeScore) {
			this.minJudgeScore = minJudgeScore;
		}

		public @Nullable Double getMaxEscalationRate() {
			return this.maxEscalationRate;
		}

		public void setMaxEscalationRate(@Nullable Double maxEscalationRate) {
			this.maxEscalationRate = maxEscalationRate;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks.positive(prefix + ".window", this.window, "set a window such as 5m")
				.atLeast(prefix + ".min-requests", this.minRequests, 1, "set 1 or more calls")
				.between(prefix + ".max-error-rate", this.maxErrorRate, 0, 1, "set a rate between 0 and 1")
				.positive(prefix + ".max-p95-latency", this.maxP95Latency, "set a latency such as 5s, or remove it")
				.between(prefix + ".min-judge-score", this.minJudgeScore, 0, 1, "set a score between 0 and 1")
				.between(prefix + ".max-escalation-rate", this.maxEscalationRate, 0, 1, "set a rate between 0 and 1");
		}

	}

	/**
	 * Price of a model in US dollars per million tokens.
	 */
	public static class Price {

		/**
		 * USD per million input (prompt) tokens.
		 */
		private double inputPerMillion;

		/**
		 * USD per million output (completion) tokens.
		 */
		private double outputPerMillion;

		public double getInputPerMillion() {
			return this.inputPerMillion;
		}

		public void setInputPerMillion(double inputPerMillion) {
			this.inputPerMillion = inputPerMillion;
		}

		public double getOutputPerMillion() {
			return this.outputPerMillion;
		}

		public void setOutputPerMillion(double outputPerMillion) {
			this.outputPerMillion = outputPerMillion;
		}

	}

	/**
	 * How requests are routed to tiers.
	 */
	public static class Routing {

		/**
		 * Tier for requests that no hint or rule routes; defaults to the first tier.
		 */
		private @Nullable String defaultTier;

		/**
		 * Rules in order; the first whose conditions all hold picks the tier. A caller's
		 * tier hint wins over them.
		 */
		private List<Rule> rules = new ArrayList<>();

		/**
		 * Policies per class (task hint or inferred task), applied when no rule matched:
		 * the cheapest tier whose expected quality meets the floor and whose observed p95
		 * latency meets the objective.
		 */
		private Map<String, ClassSettings> classes = new LinkedHashMap<>();

		/**
		 * Whether the next tier up is tried when every member of a tier failed.
		 */
		private boolean escalateOnTierFailure = true;

		/**
		 * Whether, when every member of the tier and of the tiers above it failed, the
		 * nearest cheaper tiers are tried too: a cheaper answer instead of a failed
		 * request while any member of any tier is healthy.
		 */
		private boolean fallBackToLowerTiers;

		/**
		 * Level of the one line (member and failure kind, no stack) a streamed attempt
		 * that failed over leaves in the log: warn or debug. A streamed request that
		 * failed is logged at WARN with its stack. Spring AI's own ERROR for the same
		 * stream error ({@code MessageAggregator}) is silenced unless
		 * {@code logging.level.org.springframework.ai.chat.model.MessageAggregator} is
		 * set.
		 */
		private dev.orchestration.routing.FailoverLogLevel failoverLogLevel = dev.orchestration.routing.FailoverLogLevel.WARN;

		/**
		 * Tier for prompts that exceed a member's context window; when unset the next
		 * member is tried.
		 */
		private @Nullable String longContextTier;

		/**
		 * Tier for prompts a provider refused on content policy; when unset the next
		 * member is tried.
		 */
		private @Nullable String contentPolicyFallbackTier;

		public @Nullable String getDefaultTier() {
			return this.defaultTier;
		}

		public void setDefaultTier(@Nullable String defaultTier) {
			this.defaultTier = defaultTier;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public Map<String, ClassSettings> getClasses() {
			return this.classes;
		}

		public void setClasses(Map<String, ClassSettings> classes) {
			this.classes = classes;
		}

		public boolean isFallBackToLowerTiers() {
			return this.fallBackToLowerTiers;
		}

		public dev.orchestration.routing.FailoverLogLevel getFailoverLogLevel() {
			return this.failoverLogLevel;
		}

		public void setFailoverLogLevel(dev.orchestration.routing.FailoverLogLevel failoverLogLevel) {
			this.failoverLogLevel = failoverLogLevel;
		}

		public void setFallBackToLowerTiers(boolean fallBackToLowerTiers) {
			this.fallBackToLowerTiers = fallBackToLowerTiers;
		}

		public boolean isEscalateOnTierFailure() {
			return this.escalateOnTierFailure;
		}

		public void setEscalateOnTierFailure(boolean escalateOnTierFailure) {
			this.escalateOnTierFailure = escalateOnTierFailure;
		}

		public @Nullable String getLongContextTier() {
			return this.longContextTier;
		}

		public void setLongContextTier(@Nullable String longContextTier) {
			this.longContextTier = longContextTier;
		}

		public @Nullable String getContentPolicyFallbackTier() {
			return this.contentPolicyFallbackTier;
		}

		public void setContentPolicyFallbackTier(@Nullable String contentPolicyFallbackTier) {
			this.contentPolicyFallbackTier = contentPolicyFallbackTier;
		}

		void validate(PropertyChecks checks, String prefix) {
			for (int i = 0; i < this.rules.size(); i++) {
				this.rules.get(i).getWhen().validate(checks, prefix + ".rules[" + i + "].when");
			}
			this.classes.forEach((name, settings) -> settings.validate(checks, prefix + ".classes." + name));
		}

	}

	/**
	 * What a class needs from a tier.
	 */
	public static class ClassSettings {

		/**
		 * Expected quality (0..1) of each tier on this class, from evaluation results
		 * (the tuner prints them).
		 */
		private Map<String, Double> quality = new LinkedHashMap<>();

		/**
		 * Quality a tier must reach.
		 */
		private double qualityFloor = 0.8;

		/**
		 * Observed p95 latency a tier must stay under; unset for none.
		 */
		private @Nullable Duration latencyObjective;

		public Map<String, Double> getQuality() {
			return this.quality;
		}

		public void setQuality(Map<String, Double> quality) {
			this.quality = quality;
		}

		public double getQualityFloor() {
			return this.qualityFloor;
		}

		public void setQualityFloor(double qualityFloor) {
			this.qualityFloor = qualityFloor;
		}

		public @Nullable Duration getLatencyObjective() {
			return this.latencyObjective;
		}

		public void setLatencyObjective(@Nullable Duration latencyObjective) {
			this.latencyObjective = latencyObjective;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks.between(prefix + ".quality-floor", this.qualityFloor, 0, 1, "set a quality between 0 and 1");
			checks.require(!this.quality.isEmpty(), prefix + ".quality", null, "no tier quality is given",
					"give each candidate tier's expected quality, e.g. llm." + prefix
							+ ".quality.small=0.72 (the tuner prints them)");
			this.quality.forEach((tier, quality) -> checks.between(prefix + ".quality." + tier, quality, 0, 1,
					"set a quality between 0 and 1"));
			checks.positive(prefix + ".latency-objective", this.latencyObjective,
					"set a p95 latency greater than zero, e.g. 2s, or remove it");
		}

	}

	/**
	 * A routing rule: when every condition that is set holds, the request goes to the
	 * tier.
	 */
	public static class Rule {

		/**
		 * Conditions of the rule.
		 */
		private final When when = new When();

		/**
		 * Tier the matching requests go to.
		 */
		private @Nullable String tier;

		public When getWhen() {
			return this.when;
		}

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

	}

	/**
	 * Conditions of a rule; unset conditions are ignored.
	 */
	public static class When {

		/**
		 * Matches when the estimated input tokens (characters / 4) are at most this.
		 */
		private @Nullable Integer maxInputTokens;

		/**
		 * Matches when the estimated input tokens (characters / 4) are at least this.
		 */
		private @Nullable Integer minInputTokens;

		/**
		 * Matches when the last user message contains code (true) or does not (false).
		 */
		private @Nullable Boolean containsCode;

		/**
		 * Matches when this regular expression is found in the last user message.
		 */
		private @Nullable String pattern;

		/**
		 * Matches when the caller's task hint equals this (case-insensitive).
		 */
		private @Nullable String task;

		/**
		 * Matches when the caller's metadata contains every entry, for example plan:
		 * free.
		 */
		private Map<String, String> metadata = new LinkedHashMap<>();

		public @Nullable Integer getMaxInputTokens() {
			return this.maxInputTokens;
		}

		public void setMaxInputTokens(@Nullable Integer maxInputTokens) {
			this.maxInputTokens = maxInputTokens;
		}

		public @Nullable Integer getMinInputTokens() {
			return this.minInputTokens;
		}

		public void setMinInputTokens(@Nullable Integer minInputTokens) {
			this.minInputTokens = minInputTokens;
		}

		public @Nullable Boolean getContainsCode() {
			return this.containsCode;
		}

		public void setContainsCode(@Nullable Boolean containsCode) {
			this.containsCode = containsCode;
		}

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public @Nullable String getTask() {
			return this.task;
		}

		public void setTask(@Nullable String task) {
			this.task = task;
		}

		public Map<String, String> getMetadata() {
			return this.metadata;
		}

		public void setMetadata(Map<String, String> metadata) {
			this.metadata = metadata;
		}

		/**
		 * Ranges of the conditions; shared by every rule list (live, cascade, shadow
		 * candidate).
		 */
		public void validate(PropertyChecks checks, String prefix) {
			checks.atLeast(prefix + ".max-input-tokens", this.maxInputTokens, 0, "set 0 or more tokens")
				.atLeast(prefix + ".min-input-tokens", this.minInputTokens, 0, "set 0 or more tokens");
			checks.require(
					this.minInputTokens == null || this.maxInputTokens == null
							|| this.minInputTokens <= this.maxInputTokens,
					prefix + ".min-input-tokens", this.minInputTokens,
					"the minimum is above max-input-tokens (" + this.maxInputTokens + "), so the rule never matches",
					"set min-input-tokens at most max-input-tokens");
		}

	}

	/**
	 * Failover, cool-downs and circuit breakers.
	 */
	/**
	 * Where member calls run.
	 */
	public enum Execution {

		/** The breaker is driven on the caller's thread. */
		CALLER_THREAD,

		/**
		 * Calls run on Spring Cloud CircuitBreaker's thread pool behind its time limiter.
		 */
		THREAD_POOL

	}

	public static class Resilience {

		/**
		 * How long a member that answered 429 without a Retry-After header is left out.
		 */
		private Duration rateLimitCooldown = Duration.ofSeconds(30);

		/**
		 * Whether Resilience4j's circuitbreakerevents buffers keep the members'
		 * successful calls. Off by default: each kept event takes a lock per routed
		 * request, which every caller thread contends for; failures, rejections and state
		 * transitions are kept either way.
		 */
		private boolean memberSuccessEvents;

		/**
		 * How long a member that failed authentication (401/403) or named an unknown
		 * model (404) is left out.
		 */
		private Duration unhealthyDuration = Duration.ofMinutes(5);

		/**
		 * How long a member whose provider account cannot pay for calls (HTTP 402, OpenAI
		 * insufficient_quota, Anthropic credit balance or usage limits) is left out;
		 * reset earlier through /actuator/llm-routes.
		 */
		private Duration accountUnavailableDuration = Duration.ofHours(1);

		/**
		 * Upper bound of one model call with execution=thread-pool, enforced by the time
		 * limiter of group "llm". On the caller's thread (the default) a blocking call is
		 * bounded by its provider client's timeouts: set the HTTP client's read timeout
		 * instead.
		 */
		private Duration timeLimit = Duration.ofSeconds(120);

		/**
		 * Deadline of one request, all attempts together: no further member is tried once
		 * it has passed, and a stream that is still running is cut at it.
		 */
		private Duration deadline = Duration.ofSeconds(120);

		/**
		 * How long a stream may go without a chunk before the attempt counts as failed:
		 * before the first token the request fails over, after it the stream ends with an
		 * error.
		 */
		private Duration streamStallTimeout = Duration.ofSeconds(30);

		/**
		 * Where member calls run: "caller-thread" (the breaker is driven on the caller's
		 * thread: no thread hop, microseconds of overhead) or "thread-pool" (Spring Cloud
		 * CircuitBreaker's pool with its time limiter, which can abandon a hung call at
		 * the cost of a thread hop per call).
		 */
		private Execution execution = Execution.CALLER_THREAD;

		/**
		 * With execution=thread-pool on JDK 21 or later, whether the pool uses virtual
		 * threads.
		 */
		private boolean virtualThreads;

		/**
		 * Whether a stream that ends without a finish reason counts as broken.
		 */
		private boolean requireStreamFinishReason = true;

		/**
		 * Default circuit breaker of every member, unless
		 * resilience4j.circuitbreaker.configs.llm or
		 * resilience4j.circuitbreaker.instances.<member-id> say otherwise.
		 */
		private final Breaker breaker = new Breaker();

		public Duration getRateLimitCooldown() {
			return this.rateLimitCooldown;
		}

		public void setRateLimitCooldown(Duration rateLimitCooldown) {
			this.rateLimitCooldown = rateLimitCooldown;
		}

		public boolean isMemberSuccessEvents() {
			return this.memberSuccessEvents;
		}

		public void setMemberSuccessEvents(boolean memberSuccessEvents) {
			this.memberSuccessEvents = memberSuccessEvents;
		}

		public Duration getUnhealthyDuration() {
			return this.unhealthyDuration;
		}

		public void setUnhealthyDuration(Duration unhealthyDuration) {
			this.unhealthyDuration = unhealthyDuration;
		}

		public Duration getAccountUnavailableDuration() {
			return this.accountUnavailableDuration;
		}

		public void setAccountUnavailableDuration(Duration accountUnavailableDuration) {
			this.accountUnavailableDuration = accountUnavailableDuration;
		}

		public Duration getTimeLimit() {
			return this.timeLimit;
		}

		public void setTimeLimit(Duration timeLimit) {
			this.timeLimit = timeLimit;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public Duration getStreamStallTimeout() {
			return this.streamStallTimeout;
		}

		public void setStreamStallTimeout(Duration streamStallTimeout) {
			this.streamStallTimeout = streamStallTimeout;
		}

		public Execution getExecution() {
			return this.execution;
		}

		public void setExecution(Execution execution) {
			this.execution = execution;
		}

		public boolean isVirtualThreads() {
			return this.virtualThreads;
		}

		public void setVirtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
		}

		public boolean isRequireStreamFinishReason() {
			return this.requireStreamFinishReason;
		}

		public void setRequireStreamFinishReason(boolean requireStreamFinishReason) {
			this.requireStreamFinishReason = requireStreamFinishReason;
		}

		public Breaker getBreaker() {
			return this.breaker;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks
				.notNegative(prefix + ".rate-limit-cooldown", this.rateLimitCooldown,
						"set a cool-down of 0 or more, e.g. 30s")
				.notNegative(prefix + ".unhealthy-duration", this.unhealthyDuration,
						"set a duration of 0 or more, e.g. 5m")
				.positive(prefix + ".time-limit", this.timeLimit,
						"set a time limit greater than zero, e.g. 120s "
								+ "(keep the HTTP client's read timeout below it)")
				.positive(prefix + ".deadline", this.deadline,
						"set the longest a request may take, all attempts together, e.g. 120s")
				.positive(prefix + ".stream-stall-timeout", this.streamStallTimeout,
						"set how long a stream may go without a chunk, e.g. 30s")
				.notNegative(prefix + ".account-unavailable-duration", this.accountUnavailableDuration,
						"set a duration of 0 or more, e.g. 1h");
			this.breaker.validate(checks, prefix + ".breaker");
		}

	}

	/**
	 * Circuit breaker defaults suited to LLM calls (seconds-long calls, few calls per
	 * minute).
	 */
	public static class Breaker {

		/**
		 * Failure rate in percent at or above which the breaker opens.
		 */
		private float failureRateThreshold = 50;

		/**
		 * Number of recent calls the failure rate is computed over.
		 */
		private int slidingWindowSize = 20;

		/**
		 * Calls needed before the failure rate is computed.
		 */
		private int minimumNumberOfCalls = 5;

		/**
		 * How long the breaker stays open before letting trial calls through (half-open).
		 */
		private Duration waitDurationInOpenState = Duration.ofSeconds(30);

		/**
		 * Trial calls allowed in the half-open state.
		 */
		private int permittedNumberOfCallsInHalfOpenState = 2;

		/**
		 * Calls slower than this count as slow calls.
		 */
		private Duration slowCallDurationThreshold = Duration.ofSeconds(60);

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public int getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(int permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		public Duration getSlowCallDurationThreshold() {
			return this.slowCallDurationThreshold;
		}

		public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.slowCallDurationThreshold = slowCallDurationThreshold;
		}

		/**
		 * The ranges Resilience4j accepts, reported with the property instead of
		 * Resilience4j's own message.
		 */
		void validate(PropertyChecks checks, String prefix) {
			checks
				.aboveAndAtMost(prefix + ".failure-rate-threshold", this.failureRateThreshold, 0, 100,
						"set a percentage greater than 0 and at most 100, e.g. 50")
				.atLeast(prefix + ".sliding-window-size", this.slidingWindowSize, 1, "set 1 or more calls, e.g. 20")
				.atLeast(prefix + ".minimum-number-of-calls", this.minimumNumberOfCalls, 1,
						"set 1 or more calls, e.g. 5")
				.atLeast(prefix + ".permitted-number-of-calls-in-half-open-state",
						this.permittedNumberOfCallsInHalfOpenState, 1, "set 1 or more calls, e.g. 2")
				.require(this.waitDurationInOpenState.toMillis() >= 1, prefix + ".wait-duration-in-open-state",
						this.waitDurationInOpenState, "the wait is shorter than 1 ms", "set 1ms or more, e.g. 30s")
				.positive(prefix + ".slow-call-duration-threshold", this.slowCallDurationThreshold,
						"set a duration greater than zero, e.g. 60s");
		}

	}

	/**
	 * What the endpoint, decisions and logs may show.
	 */
	public static class Observability {

		/**
		 * Whether routing decisions (listeners, the endpoint) carry the last user
		 * message. Prompts may contain personal data: enable only where that is
		 * acceptable.
		 */
		private boolean includePrompts;

		/**
		 * How many recent decisions the endpoint keeps.
		 */
		private int recentDecisions = 100;

		/**
		 * Replaced by Boot's endpoint access control: set
		 * management.endpoint.llmroutes.access=unrestricted.
		 */
		private boolean writeOperationsEnabled;

		public boolean isIncludePrompts() {
			return this.includePrompts;
		}

		public void setIncludePrompts(boolean includePrompts) {
			this.includePrompts = includePrompts;
		}

		public int getRecentDecisions() {
			return this.recentDecisions;
		}

		public void setRecentDecisions(int recentDecisions) {
			this.recentDecisions = recentDecisions;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "management.endpoint.llmroutes.access",
				reason = "Boot's endpoint access control governs the write operations", since = "0.1.0")
		public boolean isWriteOperationsEnabled() {
			return this.writeOperationsEnabled;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setWriteOperationsEnabled(boolean writeOperationsEnabled) {
			this.writeOperationsEnabled = writeOperationsEnabled;
		}

		void validate(PropertyChecks checks, String prefix) {
			checks.atLeast(prefix + ".recent-decisions", this.recentDecisions, 0, "set 0 or more, e.g. 100")
				.require(!this.writeOperationsEnabled, prefix + ".write-operations-enabled", true,
						"this switch was replaced by Boot's endpoint access control",
						"remove it and set management.endpoint.llmroutes.access=unrestricted");
		}

	}

}
