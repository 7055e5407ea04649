package dev.orchestration.shadow.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * USD spent on shadow calls in the current day of the clock's zone (UTC by default);
 * exhausted once the bound is reached, until the day ends.
 */
final class DailyCostBound {

	private final double max;

	private final Clock clock;

	private @Nullable LocalDate day;

	private double spent;

	DailyCostBound(double max, Clock clock) {
		this.max = max;
		this.clock = clock;
	}

	synchronized boolean exhausted() {
		roll();
		return this.spent >= this.max;
	}

	synchronized void charge(double cost) {
		roll();
		this.spent += Math.max(0, cost);
	}

	synchronized double spentToday() {
		roll();
		return this.spent;
	}

	double max() {
		return this.max;
	}

	private void roll() {
		LocalDate today = LocalDate.now(this.clock);
		if (!today.equals(this.day)) {
			this.day = today;
			this.spent = 0;
		}
	}

}
