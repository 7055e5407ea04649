package dev.orchestration.metrics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;
import dev.orchestration.routing.RoutingOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records routing meters: {@code llm.requests}, {@code llm.cost}, {@code llm.failovers},
 * {@code llm.routing.decisions}, {@code llm.routing.overhead},
 * {@code llm.stream.interrupted} and {@code llm.routing.tier-changes} (requests served by
 * another tier than the one routed to, with the first reason in the routed tier, for
 * example {@code BREAKER_OPEN}: the cost multiplier of open breakers made visible).
 * Latency and token meters are left to Spring AI's {@code gen_ai.client.*}.
 */
public class RoutingMetrics implements RoutingDecisionListener {

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final Timer overhead;

	/**
	 * Meters by name and tag values, so a request looks them up without building tags
	 * (the hot path).
	 */
	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	public RoutingMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.overhead = Timer.builder("llm.routing.overhead")
			.description("Time spent in the router outside model calls")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
	}

	@Override
	public void onDecision(RoutingDecision decision) {
		RoutingReceipt receipt = decision.receipt();
		String tier = (receipt.tier() != null) ? receipt.tier() : receipt.route().tier();
		String member = (receipt.member() != null) ? receipt.member() : NONE;
		counter("llm.requests", "tier", tier, "member", member, "outcome", outcome(decision), "streamed",
				String.valueOf(receipt.streamed()))
			.increment();
		counter("llm.routing.decisions", "tier", receipt.route().tier(), "layer", receipt.route().layer().name())
			.increment();
		for (Attempt attempt : receipt.attempts()) {
			if (attempt.cost() > 0) {
				counter("llm.cost", "tier", attempt.tier(), "member", attempt.member()).increment(attempt.cost());
			}
		}
		recordFailovers(receipt.attempts());
		if (receipt.tier() != null && !receipt.tier().equals(receipt.route().tier())) {
			// traffic served by another tier than routed to: open breakers or failures
			// moving cost up (or down)
			counter("llm.routing.tier-changes", "from", receipt.route().tier(), "to", receipt.tier(), "reason",
					firstTierReason(receipt))
				.increment();
		}
		if (decision.outcome() == RoutingOutcome.INTERRUPTED && !receipt.attempts().isEmpty()) {
			Attempt last = receipt.attempts().get(receipt.attempts().size() - 1);
			counter("llm.stream.interrupted", "tier", last.tier(), "member", last.member()).increment();
		}
		this.overhead.record(decision.overhead());
	}

	private Counter counter(String name, String... tags) {
		List<String> key = new ArrayList<>(tags.length + 1);
		key.add(name);
		key.addAll(Arrays.asList(tags));
		Counter counter = this.counters.get(key);
		return (counter != null) ? counter
				: this.counters.computeIfAbsent(key, (k) -> this.registry.counter(name, tags));
	}

	private void recordFailovers(List<Attempt> attempts) {
		for (int i = 0; i + 1 < attempts.size(); i++) {
			Attempt from = attempts.get(i);
			Attempt to = attempts.get(i + 1);
			counter("llm.failovers", "tier", to.tier(), "from", from.member(), "to", to.member(), "reason",
					reason(from))
				.increment();
		}
	}

	private static String firstTierReason(RoutingReceipt receipt) {
		for (Attempt attempt : receipt.attempts()) {
			if (attempt.tier().equals(receipt.route().tier())) {
				return reason(attempt);
			}
		}
		return NONE;
	}

	private static String reason(Attempt attempt) {
		return (attempt.outcome() == AttemptOutcome.FAILED && attempt.failure() != null) ? attempt.failure()
				: attempt.outcome().name();
	}

	private static String outcome(RoutingDecision decision) {
		return switch (decision.outcome()) {
			case ANSWERED -> "success";
			case FAILED -> "failure";
			case REFUSED -> "refused";
			case INTERRUPTED -> "interrupted";
			case CANCELLED -> "cancelled";
		};
	}

}
