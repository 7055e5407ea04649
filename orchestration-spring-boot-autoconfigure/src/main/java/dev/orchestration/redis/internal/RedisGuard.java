package dev.orchestration.redis.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Bounds every Redis call in time and keeps a failing Redis from failing requests: a call
 * that errs or takes longer than the timeout gives no result (a cache miss, local budget
 * accounting), a write is dropped, and after a failure Redis is left alone for the retry
 * interval, then tried again, so recovery is automatic.
 */
public class RedisGuard implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisGuard.class);

	private final String name;

	private final String meanwhile;

	private final Duration timeout;

	private final Duration retryInterval;

	private final Clock clock;

	private final ExecutorService executor;

	private final AtomicReference<Instant> degradedUntil = new AtomicReference<>(Instant.MIN);

	private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();

	private final AtomicLong failures = new AtomicLong();

	/**
	 * A guard for one use of Redis.
	 * @param name what uses Redis, for logs and thread names (for example "cache")
	 * @param meanwhile what happens while Redis is left alone, for the log (for example
	 * "serving misses")
	 * @param timeout upper bound of one call
	 * @param retryInterval how long Redis is left alone after a failure
	 * @param clock the clock
	 */
	public RedisGuard(String name, String meanwhile, Duration timeout, Duration retryInterval, Clock clock) {
		this.name = name;
		this.meanwhile = meanwhile;
		this.timeout = timeout;
		this.retryInterval = retryInterval;
		this.clock = clock;
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "llm-" + name + "-redis");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Runs a read; returns the fallback when Redis is degraded, fails or is slower than
	 * the timeout.
	 */
	public <T> T read(Supplier<T> operation, T fallback) {
		return call(operation).orElse(fallback);
	}

	/**
	 * Runs a call within the timeout; empty when Redis is degraded, fails, answers null
	 * or is too slow.
	 */
	public <T> Optional<T> call(Supplier<T> operation) {
		if (isDegraded()) {
			return Optional.empty();
		}
		Future<T> future;
		try {
			future = this.executor.submit(operation::get);
		}
		catch (RejectedExecutionException ex) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return Optional.empty();
		}
		catch (Exception ex) {
			future.cancel(true);
			failed(ex);
			return Optional.empty();
		}
	}

	/** Runs a write in the background; dropped when Redis is degraded or fails. */
	public void write(Runnable operation) {
		if (isDegraded()) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					operation.run();
				}
				catch (RuntimeException ex) {
					failed(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the write is dropped
		}
	}

	/** Whether Redis is being left alone after a failure. */
	public boolean isDegraded() {
		return this.clock.instant().isBefore(this.degradedUntil.get());
	}

	/** The last error seen, without stack trace (for health details). */
	public @Nullable String lastError() {
		return this.lastError.get();
	}

	public long failures() {
		return this.failures.get();
	}

	private void failed(Exception ex) {
		this.failures.incrementAndGet();
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getClass().getSimpleName();
		this.lastError.set(message);
		Instant previous = this.degradedUntil.getAndSet(this.clock.instant().plus(this.retryInterval));
		if (!this.clock.instant().isBefore(previous)) {
			logger.warn("Redis " + this.name + " unavailable (" + message + "); " + this.meanwhile + " for "
					+ this.retryInterval);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
