package dev.orchestration.drift.internal;

import org.jspecify.annotations.Nullable;

/**
 * The last N samples of one signal of one member (a judge score, or 0/1 for escalated and
 * validator failure), and the baseline: the mean of the first full window, frozen from
 * then on.
 */
final class SignalWindow {

	private final double[] samples;

	private int next;

	private int size;

	private double sum;

	private @Nullable Double baseline;

	SignalWindow(int capacity) {
		this.samples = new double[capacity];
	}

	synchronized void add(double sample) {
		if (this.size == this.samples.length) {
			this.sum -= this.samples[this.next];
		}
		else {
			this.size++;
		}
		this.samples[this.next] = sample;
		this.sum += sample;
		this.next = (this.next + 1) % this.samples.length;
		if (this.baseline == null && this.size == this.samples.length) {
			this.baseline = mean();
		}
	}

	synchronized @Nullable Double current() {
		return (this.size == 0) ? null : mean();
	}

	synchronized @Nullable Double baseline() {
		return this.baseline;
	}

	synchronized int size() {
		return this.size;
	}

	/** Whether the window is full and has a baseline, so the two can be compared. */
	synchronized boolean comparable() {
		return this.baseline != null && this.size == this.samples.length;
	}

	private double mean() {
		return this.sum / this.size;
	}

}
