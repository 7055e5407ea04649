package dev.orchestration.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.RoutingAuditSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The bounded hand-off between requests and the sink: a request only offers its record to
 * a fixed-size queue (never waits), one daemon thread writes them to the sink in order. A
 * full queue drops the new record; a sink that throws loses that record. Both are
 * counted, and the writer reports itself degraded while either happened within the health
 * window.
 */
public class AuditWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(AuditWriter.class);

	private final RoutingAuditSink sink;

	private final BlockingQueue<AuditRecord> queue;

	private final int capacity;

	private final Duration healthWindow;

	private final Duration shutdownTimeout;

	private final Clock clock;

	private final Thread thread;

	private final LongAdder written = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final AtomicReference<@Nullable Instant> lastTrouble = new AtomicReference<>();

	private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();

	private volatile boolean closed;

	public AuditWriter(RoutingAuditSink sink, int capacity, Duration healthWindow, Duration shutdownTimeout,
			Clock clock) {
		this.sink = sink;
		this.capacity = capacity;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.healthWindow = healthWindow;
		this.shutdownTimeout = shutdownTimeout;
		this.clock = clock;
		this.thread = new Thread(this::drain, "llm-audit-writer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Hands a record over without waiting; returns whether it was queued (false:
	 * dropped).
	 */
	public boolean submit(AuditRecord record) {
		if (!this.closed && this.queue.offer(record)) {
			return true;
		}
		this.dropped.increment();
		trouble("queue full (" + this.capacity + " records): record dropped");
		return false;
	}

	private void drain() {
		while (!this.closed || !this.queue.isEmpty()) {
			AuditRecord record;
			try {
				record = this.queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				if (this.closed) {
					break;
				}
				continue;
			}
			if (record != null) {
				writeOne(record);
			}
		}
	}

	private void writeOne(AuditRecord record) {
		try {
			this.sink.write(record);
			this.written.increment();
		}
		catch (Exception | LinkageError ex) {
			this.failed.increment();
			String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			if (trouble(message)) {
				logger.warn("Audit sink '" + this.sink.name() + "' failed; records are being lost: " + message);
			}
		}
	}

	/**
	 * Records a drop or failure; returns whether the writer was healthy before (log once
	 * per episode).
	 */
	private boolean trouble(String message) {
		boolean wasHealthy = !isDegraded();
		this.lastError.set(message);
		this.lastTrouble.set(this.clock.instant());
		return wasHealthy;
	}

	/** Whether a record was dropped or failed within the health window. */
	public boolean isDegraded() {
		Instant last = this.lastTrouble.get();
		return last != null && last.plus(this.healthWindow).isAfter(this.clock.instant());
	}

	public long written() {
		return this.written.sum();
	}

	public long dropped() {
		return this.dropped.sum();
	}

	public long failed() {
		return this.failed.sum();
	}

	public int queued() {
		return this.queue.size();
	}

	public int capacity() {
		return this.capacity;
	}

	public @Nullable String lastError() {
		return this.lastError.get();
	}

	public @Nullable Instant lastTrouble() {
		return this.lastTrouble.get();
	}

	public String sinkName() {
		return this.sink.name();
	}

	/**
	 * Writes what is queued, for at most the shutdown timeout; what is left then is
	 * counted as dropped.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.thread.join(this.shutdownTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			this.thread.interrupt();
			int left = this.queue.size();
			this.queue.clear();
			if (left > 0) {
				this.dropped.add(left);
				logger.warn("Audit sink '" + this.sink.name() + "' did not take " + left + " records within "
						+ this.shutdownTimeout + " at shutdown; they were dropped");
			}
		}
	}

}
