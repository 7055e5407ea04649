package dev.orchestration.routing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.orchestration.resilience.FailureKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * One permitted call through a member's circuit breaker, on the caller's thread, for
 * calls and streams alike. The permission is settled exactly once: a success, a failure
 * (only {@link FailureKind#TRANSIENT} ones count against the breaker: it measures whether
 * a provider is up, not whether a request was acceptable), or a release when the caller
 * stopped reading.
 */
final class BreakerPermit {

	private final CircuitBreaker breaker;

	private final long startNanos;

	private final AtomicBoolean settled = new AtomicBoolean();

	private BreakerPermit(CircuitBreaker breaker) {
		this.breaker = breaker;
		this.startNanos = System.nanoTime();
	}

	/** A permit, or {@code null} when the breaker does not permit a call now. */
	static @Nullable BreakerPermit acquire(CircuitBreaker breaker) {
		return breaker.tryAcquirePermission() ? new BreakerPermit(breaker) : null;
	}

	long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	/** Records a success; false when the permit was already settled. */
	boolean succeeded() {
		if (!this.settled.compareAndSet(false, true)) {
			return false;
		}
		this.breaker.onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
		return true;
	}

	/** Records a failure of the given kind; false when the permit was already settled. */
	boolean failed(Throwable error, FailureKind kind) {
		if (!this.settled.compareAndSet(false, true)) {
			return false;
		}
		if (kind == FailureKind.TRANSIENT) {
			this.breaker.onError(elapsedNanos(), TimeUnit.NANOSECONDS, error);
		}
		else {
			this.breaker.onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
		}
		return true;
	}

	/**
	 * Gives the permission back without counting the call either way; false when already
	 * settled.
	 */
	boolean released() {
		if (!this.settled.compareAndSet(false, true)) {
			return false;
		}
		this.breaker.releasePermission();
		return true;
	}

}
