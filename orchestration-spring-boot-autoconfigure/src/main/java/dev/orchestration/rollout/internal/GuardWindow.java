package dev.orchestration.rollout.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.orchestration.rollout.GuardValues;

/**
 * Calls, errors, latencies and verdicts of one canary over a sliding window, in ten time
 * slices of counters: a request adds to a few counters without a lock or an allocation;
 * the evaluation thread sums the slices still inside the window. A slice is cleared when
 * time comes back to it (a call that races the clearing may be lost).
 */
final class GuardWindow {

	private static final int SLICES = 10;

	/** Upper bounds of the latency buckets in milliseconds (the last is open). */
	private static final long[] LATENCY_BOUNDS = { 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000,
			60_000, Long.MAX_VALUE };

	private static final int REQUESTS = 0;

	private static final int ERRORS = 1;

	private static final int JUDGED = 2;

	private static final int SCORE_MICROS = 3;

	private static final int ESCALATED = 4;

	private static final int LATENCY = 5;

	private final Clock clock;

	private final long sliceMillis;

	private final AtomicLong[] epochs = new AtomicLong[SLICES];

	private final AtomicLongArray[] counters = new AtomicLongArray[SLICES];

	GuardWindow(Clock clock, Duration window) {
		this.clock = clock;
		this.sliceMillis = Math.max(1, window.toMillis() / SLICES);
		for (int i = 0; i < SLICES; i++) {
			this.epochs[i] = new AtomicLong(-1);
			this.counters[i] = new AtomicLongArray(LATENCY + LATENCY_BOUNDS.length);
		}
	}

	void call(boolean failed, long latencyMillis) {
		AtomicLongArray slice = current();
		slice.incrementAndGet(REQUESTS);
		if (failed) {
			slice.incrementAndGet(ERRORS);
		}
		else {
			slice.incrementAndGet(LATENCY + bucket(latencyMillis));
		}
	}

	void verdict(double score, boolean escalated) {
		AtomicLongArray slice = current();
		slice.incrementAndGet(JUDGED);
		slice.addAndGet(SCORE_MICROS, Math.round(score * 1_000_000));
		if (escalated) {
			slice.incrementAndGet(ESCALATED);
		}
	}

	/** Forgets everything (a new ramp starts from a clean window). */
	void clear() {
		for (int i = 0; i < SLICES; i++) {
			this.epochs[i].set(-1);
		}
	}

	GuardValues values() {
		long epoch = this.clock.millis() / this.sliceMillis;
		long[] sums = new long[LATENCY + LATENCY_BOUNDS.length];
		for (int i = 0; i < SLICES; i++) {
			long sliceEpoch = this.epochs[i].get();
			if (sliceEpoch >= 0 && epoch - sliceEpoch < SLICES) {
				for (int c = 0; c < sums.length; c++) {
					sums[c] += this.counters[i].get(c);
				}
			}
		}
		long requests = sums[REQUESTS];
		double errorRate = (requests > 0) ? sums[ERRORS] / (double) requests : 0;
		long judged = sums[JUDGED];
		return new GuardValues(requests, errorRate, p95(sums), (judged > 0) ? sums[SCORE_MICROS] / 1e6 / judged : null,
				(judged > 0) ? sums[ESCALATED] / (double) judged : null);
	}

	private static long p95(long[] sums) {
		long total = 0;
		for (int b = 0; b < LATENCY_BOUNDS.length; b++) {
			total += sums[LATENCY + b];
		}
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(total * 0.95);
		long seen = 0;
		for (int b = 0; b < LATENCY_BOUNDS.length; b++) {
			seen += sums[LATENCY + b];
			if (seen >= rank) {
				return (b == LATENCY_BOUNDS.length - 1) ? LATENCY_BOUNDS[b - 1] : LATENCY_BOUNDS[b];
			}
		}
		return LATENCY_BOUNDS[LATENCY_BOUNDS.length - 2];
	}

	private AtomicLongArray current() {
		long epoch = this.clock.millis() / this.sliceMillis;
		int index = (int) (epoch % SLICES);
		AtomicLong sliceEpoch = this.epochs[index];
		long seen = sliceEpoch.get();
		if (seen != epoch && sliceEpoch.compareAndSet(seen, epoch)) {
			AtomicLongArray slice = this.counters[index];
			for (int c = 0; c < slice.length(); c++) {
				slice.set(c, 0);
			}
		}
		return this.counters[index];
	}

	private static int bucket(long latencyMillis) {
		for (int b = 0; b < LATENCY_BOUNDS.length; b++) {
			if (latencyMillis <= LATENCY_BOUNDS[b]) {
				return b;
			}
		}
		return LATENCY_BOUNDS.length - 1;
	}

}
