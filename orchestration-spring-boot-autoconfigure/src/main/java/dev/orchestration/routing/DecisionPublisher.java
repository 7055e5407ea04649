package dev.orchestration.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.receipt.TaskSignal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds receipts and hands each finished request to the
 * {@link RoutingDecisionListener}s.
 */
class DecisionPublisher {

	private static final Log logger = LogFactory.getLog(DecisionPublisher.class);

	private static final int PROMPT_EXCERPT = 200;

	private final List<RoutingDecisionListener> listeners;

	private final Clock clock;

	private final boolean includePrompts;

	DecisionPublisher(List<RoutingDecisionListener> listeners, Clock clock, boolean includePrompts) {
		this.listeners = List.copyOf(listeners);
		this.clock = clock;
		this.includePrompts = includePrompts;
	}

	Instant now() {
		return this.clock.instant();
	}

	static RoutingReceipt receipt(Route route, @Nullable TierMember servedBy, List<Attempt> attempts, boolean streamed,
			@Nullable TaskSignal task, long configVersion) {
		long in = 0;
		long out = 0;
		double cost = 0;
		for (Attempt attempt : attempts) {
			in += attempt.promptTokens();
			out += attempt.completionTokens();
			cost += attempt.cost();
		}
		return new RoutingReceipt(route, (servedBy != null) ? servedBy.tier() : null,
				(servedBy != null) ? servedBy.id() : null, (servedBy != null) ? servedBy.model() : null, attempts, in,
				out, cost, streamed, task, 1, null, configVersion);
	}

	/**
	 * Hands a finished request to every listener; a failing listener is logged and
	 * skipped.
	 */
	void publish(Instant timestamp, long startNanos, RouteRequest request, RoutingReceipt receipt,
			RoutingOutcome outcome, @Nullable Throwable error) {
		long modelMillis = 0;
		for (Attempt attempt : receipt.attempts()) {
			modelMillis += attempt.latencyMillis();
		}
		long overheadNanos = (System.nanoTime() - startNanos) - modelMillis * 1_000_000;
		RoutingDecision decision = new RoutingDecision(timestamp, receipt, request.task(), request.tenant(),
				(overheadNanos > 0) ? Duration.ofNanos(overheadNanos) : Duration.ZERO, prompt(request), error, outcome);
		for (RoutingDecisionListener listener : this.listeners) {
			try {
				listener.onDecision(decision);
			}
			catch (RuntimeException ex) {
				logger.warn("RoutingDecisionListener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	private @Nullable String prompt(RouteRequest request) {
		if (!this.includePrompts) {
			return null;
		}
		String text = request.lastUserMessage();
		return (text.length() > PROMPT_EXCERPT) ? text.substring(0, PROMPT_EXCERPT) + "..." : text;
	}

}
