package dev.orchestration.actuate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;

/**
 * The most recent routing decisions, bounded, newest first.
 */
public class RecentDecisions implements RoutingDecisionListener {

	private final int capacity;

	private final Deque<RoutingDecision> decisions;

	public RecentDecisions(int capacity) {
		this.capacity = Math.max(0, capacity);
		this.decisions = new ArrayDeque<>(this.capacity);
	}

	@Override
	public synchronized void onDecision(RoutingDecision decision) {
		if (this.capacity == 0) {
			return;
		}
		if (this.decisions.size() == this.capacity) {
			this.decisions.removeLast();
		}
		this.decisions.addFirst(decision);
	}

	public synchronized List<RoutingDecision> snapshot() {
		return new ArrayList<>(this.decisions);
	}

}
