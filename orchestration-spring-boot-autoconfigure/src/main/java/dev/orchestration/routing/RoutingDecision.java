package dev.orchestration.routing;

import java.time.Duration;
import java.time.Instant;

import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

/**
 * One routed request, as listeners see it once it is answered or has failed.
 *
 * @param timestamp when the request arrived
 * @param receipt the route, attempts, tokens and cost
 * @param task the caller's task hint
 * @param tenant the caller's tenant hint
 * @param overhead time spent in the router outside model calls
 * @param prompt the last user message, only when
 * {@code llm.observability.include-prompts} is on
 * @param error the error the caller received, or {@code null} on success
 * @param outcome how the request ended
 * @param configVersion the version of the routing configuration the request ran under
 * (see {@link RoutingReceipt#configVersion()})
 */
public record RoutingDecision(Instant timestamp, RoutingReceipt receipt, @Nullable String task, @Nullable String tenant,
		Duration overhead, @Nullable String prompt, @Nullable Throwable error, RoutingOutcome outcome,
		long configVersion) {

	/** A decision that runs under the configuration version of its receipt. */
	public RoutingDecision(Instant timestamp, RoutingReceipt receipt, @Nullable String task, @Nullable String tenant,
			Duration overhead, @Nullable String prompt, @Nullable Throwable error, RoutingOutcome outcome) {
		this(timestamp, receipt, task, tenant, overhead, prompt, error, outcome, receipt.configVersion());
	}

	/**
	 * A decision whose outcome follows from the error: answered without one, failed or
	 * interrupted with one.
	 */
	public RoutingDecision(Instant timestamp, RoutingReceipt receipt, @Nullable String task, @Nullable String tenant,
			Duration overhead, @Nullable String prompt, @Nullable Throwable error) {
		this(timestamp, receipt, task, tenant, overhead, prompt, error, outcomeOf(error));
	}

	public boolean succeeded() {
		return this.error == null;
	}

	private static RoutingOutcome outcomeOf(@Nullable Throwable error) {
		if (error == null) {
			return RoutingOutcome.ANSWERED;
		}
		if (error instanceof StreamInterruptedException) {
			return RoutingOutcome.INTERRUPTED;
		}
		return (error instanceof RequestRefusedException) ? RoutingOutcome.REFUSED : RoutingOutcome.FAILED;
	}

}
