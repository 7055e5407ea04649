package dev.orchestration.statistics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;

/**
 * Keeps live statistics per member from every routing decision (calls made, not members
 * skipped).
 */
public class RouteStatistics implements RoutingDecisionListener {

	private final Map<String, MemberStatistics> members = new ConcurrentHashMap<>();

	@Override
	public void onDecision(RoutingDecision decision) {
		for (Attempt attempt : decision.receipt().attempts()) {
			if (attempt.outcome() == AttemptOutcome.SUCCESS || attempt.outcome() == AttemptOutcome.FAILED) {
				member(attempt.member()).record(attempt.outcome() == AttemptOutcome.SUCCESS, attempt.latencyMillis(),
						attempt.cost());
			}
		}
	}

	public MemberStatistics member(String id) {
		return this.members.computeIfAbsent(id, (key) -> new MemberStatistics());
	}

}
