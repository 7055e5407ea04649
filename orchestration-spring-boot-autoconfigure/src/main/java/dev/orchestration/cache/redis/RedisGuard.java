package dev.orchestration.cache.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Bounds every Redis call in time and keeps a failing Redis from failing requests: a read that errs or takes longer
 * than the timeout returns the fallback (a cache miss), a write is dropped, and after a failure Redis is left alone
 * for the retry interval, then tried again, so recovery is automatic.
 */
public class RedisGuard implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisGuard.class);

	private final Duration timeout;

	private final Duration retryInterval;

	private final Clock clock;

	private final ExecutorService executor;

	private final AtomicReference<Instant> degradedUntil = new AtomicReference<>(Instant.MIN);

	private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();

	private final AtomicLong failures = new AtomicLong();

	public RedisGuard(Duration timeout, Duration retryInterval, Clock clock) {
		this.timeout = timeout;
		this.retryInterval = retryInterval;
		this.clock = clock;
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "llm-cache-redis");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Runs a read; returns the fallback when Redis is degraded, fails or is slower than the timeout. */
	public <T> T read(Supplier<T> operation, T fallback) {
		if (isDegraded()) {
			return fallback;
		}
		Future<T> future;
		try {
			future = this.executor.submit(operation::get);
		}
		catch (RejectedExecutionException ex) {
			return fallback;
		}
		try {
			T result = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return (result != null) ? result : fallback;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return fallback;
		}
		catch (Exception ex) {
			future.cancel(true);
			failed(ex);
			return fallback;
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
			logger.warn("Redis cache unavailable (" + message + "); serving misses for " + this.retryInterval);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
