package dev.orchestration.actuate.internal;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.DriftReport;
import dev.orchestration.drift.internal.PassiveDriftMonitor;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.Route;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.rollout.CanaryStatus;
import dev.orchestration.rollout.ReloadOutcome;
import dev.orchestration.rollout.RolloutAdministration;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.RuleBasedRouteResolver;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.shadow.ShadowAdministration;
import dev.orchestration.statistics.MemberStatistics;
import dev.orchestration.statistics.RouteStatistics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/llm-routes}: tiers and members with breaker state and live statistics,
 * routing rules, and the most recent decisions with their reasons. Prompts appear only
 * when {@code llm.observability.include-prompts} is on. Read-only by default: the write
 * operations (force-open, close or reset a breaker, clear a cache scope) exist only with
 * {@code management.endpoint.llmroutes.access=unrestricted}, Boot's own endpoint access
 * control.
 */
@Endpoint(id = LlmRoutesEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class LlmRoutesEndpoint {

	/** Endpoint id; served at {@code /actuator/llm-routes} through a path mapper. */
	public static final String ID = "llmroutes";

	private final RoutingChatModel chatModel;

	private final RouteResolver resolver;

	private final MemberCircuitBreakers breakers;

	private final RouteStatistics statistics;

	private final RecentDecisions recentDecisions;

	private final @Nullable CacheAdministration cache;

	private final @Nullable BudgetAdministration budget;

	private final @Nullable ShadowAdministration shadow;

	private final @Nullable DriftMonitor drift;

	private final @Nullable PassiveDriftMonitor passiveDrift;

	private final @Nullable RolloutAdministration rollout;

	public LlmRoutesEndpoint(RoutingChatModel chatModel, RouteResolver resolver, MemberCircuitBreakers breakers,
			RouteStatistics statistics, RecentDecisions recentDecisions, @Nullable CacheAdministration cache,
			@Nullable BudgetAdministration budget, @Nullable ShadowAdministration shadow) {
		this(chatModel, resolver, breakers, statistics, recentDecisions, cache, budget, shadow, null, null, null);
	}

	/**
	 * The endpoint with the rollout (configuration version, reloads, canaries) and drift
	 * shown and administered.
	 */
	public LlmRoutesEndpoint(RoutingChatModel chatModel, RouteResolver resolver, MemberCircuitBreakers breakers,
			RouteStatistics statistics, RecentDecisions recentDecisions, @Nullable CacheAdministration cache,
			@Nullable BudgetAdministration budget, @Nullable ShadowAdministration shadow, @Nullable DriftMonitor drift,
			@Nullable PassiveDriftMonitor passiveDrift, @Nullable RolloutAdministration rollout) {
		this.rollout = rollout;
		this.chatModel = chatModel;
		this.resolver = resolver;
		this.breakers = breakers;
		this.statistics = statistics;
		this.recentDecisions = recentDecisions;
		this.cache = cache;
		this.budget = budget;
		this.shadow = shadow;
		this.drift = drift;
		this.passiveDrift = passiveDrift;
	}

	@ReadOperation
	public RoutesDescriptor routes() {
		List<TierDescriptor> tiers = this.chatModel.getTiers().all().stream().map(this::describe).toList();
		List<DecisionDescriptor> decisions = this.recentDecisions.snapshot()
			.stream()
			.map(DecisionDescriptor::of)
			.toList();
		return new RoutesDescriptor(tiers, routing(), (this.cache != null) ? this.cache.statistics() : null,
				(this.budget != null) ? this.budget.report() : null,
				(this.shadow != null) ? this.shadow.report() : null, decisions, drift(),
				(this.rollout != null) ? this.rollout.report() : null);
	}

	@ReadOperation
	public @Nullable TierDescriptor tier(@Selector String tier) {
		Tier found = this.chatModel.getTiers().get(tier);
		return (found != null) ? describe(found) : null;
	}

	/**
	 * Reloads the routing configuration: the given {@code llm.*} properties (in
	 * properties-file syntax, one {@code key=value} a line: an endpoint body holds
	 * strings only) laid over the current ones (none: re-reads the environment and the
	 * reload file), validated as at start-up. A refused change answers 400 with the
	 * property and the fix; the configuration in force keeps serving.
	 */
	@WriteOperation
	public WebEndpointResponse<ReloadOutcome> reload(@Nullable String properties) {
		if (this.rollout == null) {
			return new WebEndpointResponse<>(404);
		}
		Map<String, String> parsed = new LinkedHashMap<>();
		if (properties != null) {
			Properties read = new Properties();
			try {
				read.load(new StringReader(properties));
			}
			catch (IOException | IllegalArgumentException ex) {
				return new WebEndpointResponse<>(400);
			}
			read.stringPropertyNames().stream().sorted().forEach((key) -> parsed.put(key, read.getProperty(key)));
		}
		ReloadOutcome outcome = this.rollout.reload(parsed);
		return new WebEndpointResponse<>(outcome, outcome.accepted() ? 200 : 400);
	}

	/**
	 * Changes a member's breaker: {@code force-open}, {@code close} (back to normal),
	 * {@code reset} (also clears cool-downs, unhealthy marks and account-unavailable
	 * marks); or a canary's ramp: {@code pause}, {@code resume}, {@code advance},
	 * {@code roll-back}.
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> breaker(@Selector String member, String action) {
		if (this.chatModel.getTiers().members().noneMatch((m) -> m.id().equals(member))) {
			return new WebEndpointResponse<>(Map.of("error", "unknown member '" + member + "'"), 404);
		}
		if (List.of("pause", "resume", "advance", "roll-back").contains(action)) {
			CanaryStatus canary = (this.rollout != null) ? this.rollout.act(member, action) : null;
			return (canary != null) ? new WebEndpointResponse<>(Map.of("member", member, "canary", canary), 200)
					: new WebEndpointResponse<>(Map.of("error", "member '" + member + "' is no canary"), 404);
		}
		CircuitBreaker breaker = this.breakers.breaker(member);
		switch (action) {
			case "force-open" -> breaker.transitionToForcedOpenState();
			case "close" -> breaker.transitionToClosedState();
			case "reset" -> {
				breaker.reset();
				this.chatModel.getHealth().reset(member);
			}
			default -> {
				return new WebEndpointResponse<>(
						Map.of("error", "unknown action '" + action + "'; use force-open, close or reset"), 400);
			}
		}
		return new WebEndpointResponse<>(Map.of("member", member, "breaker", breaker.getState().name()), 200);
	}

	/**
	 * Removes every cache entry of one scope (the hash the {@code CacheKeyStrategy}
	 * computes).
	 */
	@DeleteOperation
	public WebEndpointResponse<Map<String, Object>> clearCacheScope(@Selector String scope) {
		if (this.cache == null) {
			return new WebEndpointResponse<>(Map.of("error", "no cache is enabled"), 404);
		}
		return new WebEndpointResponse<>(Map.of("scope", scope, "removed", this.cache.clearScope(scope)), 200);
	}

	private @Nullable DriftReport drift() {
		if (this.drift == null) {
			return null;
		}
		return new DriftReport(this.drift.states(), this.drift.excludedTiers(),
				(this.passiveDrift != null) ? this.passiveDrift.members() : List.of());
	}

	private TierDescriptor describe(Tier tier) {
		return new TierDescriptor(tier.name(), tier.members().stream().map(this::describe).toList());
	}

	private MemberDescriptor describe(TierMember member) {
		CircuitBreaker breaker = this.breakers.breaker(member.id());
		MemberHealth health = this.chatModel.getHealth();
		MemberStatistics stats = this.statistics.member(member.id());
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		return new MemberDescriptor(member.id(), member.chatModelBean(), member.model(),
				new PriceDescriptor(member.price().inputPerMillion(), member.price().outputPerMillion()),
				new BreakerDescriptor(breaker.getState().name(), metrics.getFailureRate(),
						metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls()),
				health.status(member.id()).name(), health.coolingDownUntil(member.id()), new StatsDescriptor(
						stats.requests(), stats.errors(), stats.p50Millis(), stats.p95Millis(), stats.cost()));
	}

	private RoutingDescriptor routing() {
		RouteResolver resolver = this.chatModel.getConfigurations().current().resolver();
		if (resolver instanceof RuleBasedRouteResolver rules) {
			return new RoutingDescriptor(rules.getDefaultTier(),
					rules.getRules().stream().map(RoutingRule::describe).toList(),
					rules.getClassPolicies()
						.values()
						.stream()
						.map((p) -> "class " + p.task() + ": quality " + p.quality() + ", floor " + p.qualityFloor()
								+ ((p.latencyObjective() != null) ? ", p95 <= " + p.latencyObjective().toMillis() + "ms"
										: ""))
						.toList());
		}
		return new RoutingDescriptor(null, List.of("custom RouteResolver: " + resolver.getClass().getName()),
				List.of());
	}

	/** The whole endpoint. */
	public record RoutesDescriptor(List<TierDescriptor> tiers, RoutingDescriptor routing,
			CacheAdministration.@Nullable Statistics cache, BudgetAdministration.@Nullable Report budget,
			ShadowAdministration.@Nullable Report shadow, List<DecisionDescriptor> recentDecisions,
			@Nullable DriftReport drift, RolloutAdministration.@Nullable Report rollout) {
	}

	/** A tier and its members. */
	public record TierDescriptor(String name, List<MemberDescriptor> members) {
	}

	/** A member with breaker state, health and live statistics. */
	public record MemberDescriptor(String id, String chatModel, @Nullable String model, PriceDescriptor price,
			BreakerDescriptor breaker, String status, @Nullable Instant coolingDownUntil, StatsDescriptor stats) {
	}

	/** Price per million tokens. */
	public record PriceDescriptor(double inputPerMillion, double outputPerMillion) {
	}

	/**
	 * Breaker state; the failure rate is -1 until the minimum number of calls was made.
	 */
	public record BreakerDescriptor(String state, float failureRate, int failedCalls, long notPermittedCalls) {
	}

	/** Live statistics of calls made to a member. */
	public record StatsDescriptor(long requests, long errors, long p50Millis, long p95Millis, double cost) {
	}

	/** Default tier, rules in order, and class policies. */
	public record RoutingDescriptor(@Nullable String defaultTier, List<String> rules, List<String> classPolicies) {
	}

	/** A recent decision and its reason. */
	public record DecisionDescriptor(Instant timestamp, Route route, @Nullable String servedBy, String outcome,
			List<Attempt> attempts, long promptTokens, long completionTokens, double cost, boolean streamed,
			@Nullable String task, @Nullable String tenant, double overheadMillis, @Nullable String error,
			@Nullable String prompt, long configVersion) {

		static DecisionDescriptor of(RoutingDecision decision) {
			var receipt = decision.receipt();
			return new DecisionDescriptor(decision.timestamp(), receipt.route(), receipt.member(),
					decision.succeeded() ? "success" : "failure", receipt.attempts(), receipt.promptTokens(),
					receipt.completionTokens(), receipt.cost(), receipt.streamed(), decision.task(), decision.tenant(),
					decision.overhead().toNanos() / 1e6,
					(decision.error() != null) ? decision.error().getClass().getSimpleName() : null, decision.prompt(),
					decision.configVersion());
		}

	}

}
