package dev.orchestration.actuate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;

/**
 * The most recent routing decisions, bounded, newest first. Every request ends here, so
 * recording takes no lock: a ring of slots claimed by a counter; a snapshot read while
 * requests end may miss the one or two decisions being written at that moment.
 */
public class RecentDecisions implements RoutingDecisionListener {

	private final AtomicReferenceArray<RoutingDecision> slots;

	private final AtomicLong written = new AtomicLong();

	public RecentDecisions(int capacity) {
		this.slots = new AtomicReferenceArray<>(Math.max(0, capacity));
	}

	@Override
	public void onDecision(RoutingDecision decision) {
		int capacity = this.slots.length();
		if (capacity == 0) {
			return;
		}
		long slot = this.written.getAndIncrement();
		this.slots.set((int) (slot % capacity), decision);
	}

	public List<RoutingDecision> snapshot() {
		int capacity = this.slots.length();
		long end = this.written.get();
		int size = (int) Math.min(end, capacity);
		List<RoutingDecision> newestFirst = new ArrayList<>(size);
		for (long slot = end - 1; slot >= end - size; slot--) {
			RoutingDecision decision = this.slots.get((int) (slot % capacity));
			if (decision != null) {
				newestFirst.add(decision);
			}
		}
		return newestFirst;
	}

}
