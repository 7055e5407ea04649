package dev.orchestration.metrics;

import java.util.List;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;
import dev.orchestration.routing.RoutingOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records routing meters: {@code llm.requests}, {@code llm.cost}, {@code llm.failovers},
 * {@code llm.routing.decisions}, {@code llm.routing.overhead} and {@code llm.stream.interrupted}. Latency and token
 * meters are left to Spring AI's {@code gen_ai.client.*}.
 */
public class RoutingMetrics implements RoutingDecisionListener {

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final Timer.Builder overhead = Timer.builder("llm.routing.overhead")
		.description("Time spent in the router outside model calls")
		.publishPercentiles(0.5, 0.95, 0.99);

	public RoutingMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onDecision(RoutingDecision decision) {
		RoutingReceipt receipt = decision.receipt();
		String tier = (receipt.tier() != null) ? receipt.tier() : receipt.route().tier();
		String member = (receipt.member() != null) ? receipt.member() : NONE;
		this.registry
			.counter("llm.requests", "tier", tier, "member", member, "outcome", outcome(decision), "streamed",
					String.valueOf(receipt.streamed()))
			.increment();
		this.registry
			.counter("llm.routing.decisions", "tier", receipt.route().tier(), "layer", receipt.route().layer().name())
			.increment();
		for (Attempt attempt : receipt.attempts()) {
			if (attempt.cost() > 0) {
				this.registry.counter("llm.cost", "tier", attempt.tier(), "member", attempt.member()).increment(attempt.cost());
			}
		}
		recordFailovers(receipt.attempts());
		if (decision.outcome() == RoutingOutcome.INTERRUPTED && !receipt.attempts().isEmpty()) {
			Attempt last = receipt.attempts().get(receipt.attempts().size() - 1);
			this.registry.counter("llm.stream.interrupted", "tier", last.tier(), "member", last.member()).increment();
		}
		this.overhead.register(this.registry).record(decision.overhead());
	}

	private void recordFailovers(List<Attempt> attempts) {
		for (int i = 0; i + 1 < attempts.size(); i++) {
			Attempt from = attempts.get(i);
			Attempt to = attempts.get(i + 1);
			this.registry
				.counter("llm.failovers", "tier", to.tier(), "from", from.member(), "to", to.member(), "reason",
						reason(from))
				.increment();
		}
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
