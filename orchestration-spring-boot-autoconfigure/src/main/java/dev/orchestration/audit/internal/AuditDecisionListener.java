package dev.orchestration.audit.internal;

import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;

/**
 * Hands each routing decision to the client request running on the thread
 * ({@link AuditAdvisor}), or records it on its own when there is none: the router
 * injected as a plain {@code ChatModel}, and streams, whose decision is published where
 * the stream ends.
 */
public class AuditDecisionListener implements RoutingDecisionListener {

	private final AuditRecorder recorder;

	public AuditDecisionListener(AuditRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void onDecision(RoutingDecision decision) {
		AuditScope scope = AuditScope.current();
		if (scope != null && !decision.receipt().streamed()) {
			scope.add(decision);
		}
		else {
			this.recorder.model(decision, TraceIds.current());
		}
	}

}
