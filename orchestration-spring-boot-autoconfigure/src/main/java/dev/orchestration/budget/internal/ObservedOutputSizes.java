package dev.orchestration.budget.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The completion sizes each member recently produced, so the budget can estimate a call's
 * output from what the member really writes instead of a fixed default. The estimate is
 * conservative: the 99th percentile of the last {@value #WINDOW} answers plus a fifth,
 * and none until {@value #MIN_SAMPLES} answers were seen.
 */
final class ObservedOutputSizes {

	static final int WINDOW = 256;

	static final int MIN_SAMPLES = 20;

	private final Map<String, Window> byMember = new ConcurrentHashMap<>();

	void record(String member, long completionTokens) {
		if (completionTokens > 0) {
			this.byMember.computeIfAbsent(member, (id) -> new Window()).add(completionTokens);
		}
	}

	/**
	 * The conservative estimate of the member's output tokens, or {@code null} while too
	 * few were seen.
	 */
	@Nullable Integer estimate(String member) {
		Window window = this.byMember.get(member);
		return (window != null) ? window.estimate() : null;
	}

	private static final class Window {

		private final long[] sizes = new long[WINDOW];

		private int count;

		private int next;

		synchronized void add(long size) {
			this.sizes[this.next] = size;
			this.next = (this.next + 1) % WINDOW;
			this.count = Math.min(WINDOW, this.count + 1);
		}

		synchronized @Nullable Integer estimate() {
			if (this.count < MIN_SAMPLES) {
				return null;
			}
			long[] sorted = Arrays.copyOf(this.sizes, this.count);
			Arrays.sort(sorted);
			long p99 = sorted[Math.min(this.count - 1, (int) Math.ceil(0.99 * this.count) - 1)];
			return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(p99 * 1.2));
		}

	}

}
