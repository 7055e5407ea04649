package dev.orchestration.cascade.internal;

/**
 * Pile-up protection: a token bucket on escalations, so that a cheap tier failing under
 * load does not silently send every request to an expensive one. With no rate configured
 * it never limits.
 */
public class EscalationLimiter {

	private final double permitsPerSecond;

	private final double burst;

	private double tokens;

	private long lastRefill = System.nanoTime();

	public EscalationLimiter(double permitsPerSecond, int burst) {
		this.permitsPerSecond = permitsPerSecond;
		this.burst = Math.max(1, burst);
		this.tokens = this.burst;
	}

	public static EscalationLimiter unlimited() {
		return new EscalationLimiter(0, 1);
	}

	/** Takes a permit for one escalation; false when the rate is exhausted. */
	public synchronized boolean tryAcquire() {
		if (this.permitsPerSecond <= 0) {
			return true;
		}
		long now = System.nanoTime();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) / 1e9 * this.permitsPerSecond);
		this.lastRefill = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
