package dev.orchestration.budget;

import java.time.Instant;
import java.util.List;

/**
 * Where period totals (USD) are kept. Keys are logical ({@code global:day:2026-11-23},
 * {@code tenant:acme:month:2026-11}); a store may prefix them. Every counter expires at
 * the given instant, so keys disappear with their period. Adds are atomic;
 * {@link #tryAdd} is atomic across all its counters.
 */
public interface BudgetStore {

	/**
	 * Adds an amount (negative to release) to a counter and returns its new total.
	 */
	default double add(String key, double amount, Instant expireAt) {
		return addAll(List.of(new Counter(key, Double.POSITIVE_INFINITY, expireAt)), amount).get(0);
	}

	/**
	 * Adds an amount (negative to release) to every counter, regardless of limits;
	 * returns the new totals in order.
	 */
	List<Double> addAll(List<Counter> counters, double amount);

	/**
	 * Adds the amount to every counter only if no counter would then exceed its limit;
	 * all or nothing, atomically.
	 */
	Reservation tryAdd(List<Counter> counters, double amount);

	/** The total of a counter, 0 when it does not exist. */
	default double total(String key) {
		return totals(List.of(key)).get(0);
	}

	/** The totals of several counters, 0 for those that do not exist. */
	List<Double> totals(List<String> keys);

	/**
	 * Sets a marker that expires at the given instant; {@code true} only for the first
	 * caller, across all instances sharing the store.
	 */
	boolean markOnce(String key, Instant expireAt);

	/** A short name of the store for the endpoint ({@code memory}, {@code redis}). */
	default String type() {
		return getClass().getSimpleName();
	}

	/**
	 * Whether the store is degraded (for example Redis is down and this instance accounts
	 * locally).
	 */
	default boolean isDegraded() {
		return false;
	}

	/**
	 * A counter with its limit.
	 *
	 * @param key the logical key
	 * @param limit the limit, {@link Double#POSITIVE_INFINITY} for none
	 * @param expireAt when the counter expires
	 */
	record Counter(String key, double limit, Instant expireAt) {

		public boolean limited() {
			return this.limit != Double.POSITIVE_INFINITY;
		}

	}

	/**
	 * What a {@link #tryAdd} did.
	 *
	 * @param accepted whether the amount was added to every counter
	 * @param refusedIndex the index of the first counter that would have exceeded its
	 * limit, or -1
	 * @param totals the totals after the add (accepted) or the refusing counter's total
	 * in position 0 (refused)
	 */
	record Reservation(boolean accepted, int refusedIndex, List<Double> totals) {

		public static Reservation accepted(List<Double> totals) {
			return new Reservation(true, -1, List.copyOf(totals));
		}

		public static Reservation refused(int index, double total) {
			return new Reservation(false, index, List.of(total));
		}

	}

}
