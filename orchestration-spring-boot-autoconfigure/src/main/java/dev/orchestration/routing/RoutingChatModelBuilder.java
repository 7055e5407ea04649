package dev.orchestration.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orchestration.cost.CostCalculator;
import dev.orchestration.cost.TokenPriceCostCalculator;
import dev.orchestration.resilience.FailureClassifier;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.routing.internal.OptionsRetargeter;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds a {@link RoutingChatModel}; the auto-configuration uses it, and so can code that
 * wires the router by hand.
 */
public final class RoutingChatModelBuilder {

	private @Nullable Tiers tiers;

	private @Nullable RouteResolver resolver;

	private @Nullable RoutingConfigurations configurations;

	private MemberSelector selector = MemberSelector.CONFIGURED_ORDER;

	private @Nullable MemberCircuitBreakers breakers;

	private @Nullable FailureClassifier classifier;

	private FailoverPolicy policy = new FailoverPolicy(true, null, null, Duration.ofSeconds(30));

	private Clock clock = Clock.systemUTC();

	private @Nullable MemberHealth health;

	private CostCalculator costCalculator = new TokenPriceCostCalculator();

	private List<RoutingDecisionListener> listeners = List.of();

	private boolean includePrompts;

	private boolean requireFinishReason = true;

	private RoutingBudget budget = RoutingBudget.UNLIMITED;

	private Duration deadline = Duration.ofSeconds(120);

	private Duration streamStallTimeout = Duration.ofSeconds(30);

	private FailoverLogLevel failoverLogLevel = FailoverLogLevel.WARN;

	private ObservationRegistry observations = ObservationRegistry.NOOP;

	private RoutingObservationConvention convention = new DefaultRoutingObservationConvention();

	RoutingChatModelBuilder() {
	}

	public RoutingChatModelBuilder tiers(Tiers tiers) {
		this.tiers = tiers;
		return this;
	}

	public RoutingChatModelBuilder routeResolver(RouteResolver resolver) {
		this.resolver = resolver;
		return this;
	}

	/**
	 * Weights, canary shares and sticky assignment of the first member per tier
	 * (configured order by default).
	 */
	public RoutingChatModelBuilder memberSelector(MemberSelector selector) {
		this.selector = selector;
		return this;
	}

	/**
	 * A holder of the routing configuration that a reload can replace; it wins over
	 * {@link #tiers}, {@link #routeResolver}, {@link #failoverPolicy} and
	 * {@link #memberSelector}.
	 */
	public RoutingChatModelBuilder configurations(RoutingConfigurations configurations) {
		this.configurations = configurations;
		return this;
	}

	public RoutingChatModelBuilder circuitBreakers(MemberCircuitBreakers breakers) {
		this.breakers = breakers;
		return this;
	}

	public RoutingChatModelBuilder failureClassifier(FailureClassifier classifier) {
		this.classifier = classifier;
		return this;
	}

	public RoutingChatModelBuilder failoverPolicy(FailoverPolicy policy) {
		this.policy = policy;
		return this;
	}

	public RoutingChatModelBuilder memberHealth(MemberHealth health) {
		this.health = health;
		return this;
	}

	public RoutingChatModelBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	public RoutingChatModelBuilder costCalculator(CostCalculator costCalculator) {
		this.costCalculator = costCalculator;
		return this;
	}

	public RoutingChatModelBuilder listeners(List<RoutingDecisionListener> listeners) {
		this.listeners = List.copyOf(listeners);
		return this;
	}

	/** Adds a listener after those already set. */
	public RoutingChatModelBuilder listener(RoutingDecisionListener listener) {
		List<RoutingDecisionListener> all = new ArrayList<>(this.listeners);
		all.add(listener);
		this.listeners = List.copyOf(all);
		return this;
	}

	/**
	 * Whether decisions carry the last user message (off by default: prompts may hold
	 * personal data).
	 */
	public RoutingChatModelBuilder includePrompts(boolean includePrompts) {
		this.includePrompts = includePrompts;
		return this;
	}

	/**
	 * Whether a stream that ends without a finish reason counts as broken (on by
	 * default).
	 */
	public RoutingChatModelBuilder requireFinishReason(boolean requireFinishReason) {
		this.requireFinishReason = requireFinishReason;
		return this;
	}

	/** Spending limits (none by default). */
	public RoutingChatModelBuilder budget(RoutingBudget budget) {
		this.budget = budget;
		return this;
	}

	/**
	 * How long one request may take, all attempts together (120 s by default). Checked
	 * between attempts and on streams; a blocking call itself is bounded by its provider
	 * client's timeouts.
	 */
	public RoutingChatModelBuilder deadline(Duration deadline) {
		Assert.isTrue(deadline.compareTo(Duration.ZERO) > 0, "the deadline must be positive");
		this.deadline = deadline;
		return this;
	}

	/**
	 * How long a stream may go without a chunk before the attempt counts as failed (30 s
	 * by default).
	 */
	public RoutingChatModelBuilder streamStallTimeout(Duration streamStallTimeout) {
		Assert.isTrue(streamStallTimeout.compareTo(Duration.ZERO) > 0, "the stream stall timeout must be positive");
		this.streamStallTimeout = streamStallTimeout;
		return this;
	}

	/**
	 * The level of the one line a streamed attempt that failed over leaves in the log
	 * (WARN by default).
	 */
	public RoutingChatModelBuilder failoverLogLevel(FailoverLogLevel failoverLogLevel) {
		this.failoverLogLevel = failoverLogLevel;
		return this;
	}

	/** Where the routing observation of each request goes (none by default). */
	public RoutingChatModelBuilder observationRegistry(ObservationRegistry observations) {
		this.observations = observations;
		return this;
	}

	/** Names and tags of the routing observation. */
	public RoutingChatModelBuilder observationConvention(RoutingObservationConvention convention) {
		this.convention = convention;
		return this;
	}

	public RoutingChatModel build() {
		RoutingConfigurations routing = this.configurations;
		if (routing == null) {
			Assert.state(this.tiers != null, "tiers are required");
			Assert.state(this.resolver != null, "a route resolver is required");
			routing = new RoutingConfigurations(this.tiers, this.resolver, this.policy, this.selector);
		}
		Assert.state(this.breakers != null, "circuit breakers are required");
		Assert.state(this.classifier != null, "a failure classifier is required");
		MemberHealth memberHealth = (this.health != null) ? this.health
				: new MemberHealth(this.clock, Duration.ofMinutes(5));
		MemberInvoker invoker = new MemberInvoker(this.breakers, this.classifier, new OptionsRetargeter(),
				this.costCalculator);
		DecisionPublisher publisher = new DecisionPublisher(this.listeners, this.clock, this.includePrompts);
		return new RoutingChatModel(new RoutingExchanges(routing, memberHealth, invoker, publisher, this.budget,
				this.deadline, this.streamStallTimeout, this.requireFinishReason, this.observations, this.convention,
				new StreamFailoverLog(this.failoverLogLevel)));
	}

}
