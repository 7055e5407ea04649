package dev.orchestration.budget.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.budget.BudgetStore;

/**
 * Period totals in this instance's memory: exact and atomic within the instance, not
 * shared with other instances. Expired counters are dropped as the store is used.
 */
public class InMemoryBudgetStore implements BudgetStore {

	/** Tolerance for floating-point sums at a limit. */
	static final double EPSILON = 1e-12;

	private final Clock clock;

	private final Map<String, Entry> counters = new HashMap<>();

	private final Map<String, Instant> markers = new HashMap<>();

	private long operations;

	public InMemoryBudgetStore() {
		this(Clock.systemUTC());
	}

	public InMemoryBudgetStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized List<Double> addAll(List<Counter> counters, double amount) {
		Instant now = housekeeping();
		List<Double> totals = new ArrayList<>(counters.size());
		for (Counter counter : counters) {
			Entry entry = live(counter.key(), now);
			double total = ((entry != null) ? entry.total : 0) + amount;
			this.counters.put(counter.key(), new Entry(total, later(entry, counter.expireAt())));
			totals.add(total);
		}
		return totals;
	}

	@Override
	public synchronized Reservation tryAdd(List<Counter> counters, double amount) {
		Instant now = housekeeping();
		for (int i = 0; i < counters.size(); i++) {
			Counter counter = counters.get(i);
			Entry entry = live(counter.key(), now);
			double total = (entry != null) ? entry.total : 0;
			if (counter.limited() && total + amount > counter.limit() + EPSILON) {
				return Reservation.refused(i, total);
			}
		}
		return Reservation.accepted(addAll(counters, amount));
	}

	@Override
	public synchronized List<Double> totals(List<String> keys) {
		Instant now = this.clock.instant();
		List<Double> totals = new ArrayList<>(keys.size());
		for (String key : keys) {
			Entry entry = live(key, now);
			totals.add((entry != null) ? entry.total : 0d);
		}
		return totals;
	}

	@Override
	public synchronized boolean markOnce(String key, Instant expireAt) {
		Instant now = housekeeping();
		Instant existing = this.markers.get(key);
		if (existing != null && now.isBefore(existing)) {
			return false;
		}
		this.markers.put(key, expireAt);
		return true;
	}

	@Override
	public String type() {
		return "memory";
	}

	/**
	 * Live counters and their totals (for flushing amounts accounted while a shared store
	 * was down).
	 */
	synchronized Map<String, Entry> snapshot() {
		Instant now = this.clock.instant();
		Map<String, Entry> live = new HashMap<>();
		this.counters.forEach((key, entry) -> {
			if (now.isBefore(entry.expireAt)) {
				live.put(key, entry);
			}
		});
		return live;
	}

	/** Removes a counter whose total is (about) zero. */
	synchronized void removeIfZero(String key) {
		Entry entry = this.counters.get(key);
		if (entry != null && Math.abs(entry.total) < 1e-9) {
			this.counters.remove(key);
		}
	}

	synchronized boolean isEmpty() {
		return this.counters.isEmpty();
	}

	private Entry live(String key, Instant now) {
		Entry entry = this.counters.get(key);
		return (entry != null && now.isBefore(entry.expireAt)) ? entry : null;
	}

	private static Instant later(Entry entry, Instant expireAt) {
		return (entry != null && entry.expireAt.isAfter(expireAt)) ? entry.expireAt : expireAt;
	}

	private Instant housekeeping() {
		Instant now = this.clock.instant();
		if (++this.operations % 1024 == 0) {
			this.counters.values().removeIf((entry) -> !now.isBefore(entry.expireAt));
			this.markers.values().removeIf((expiry) -> !now.isBefore(expiry));
		}
		return now;
	}

	record Entry(double total, Instant expireAt) {
	}

}
