package dev.orchestration.audit;

/**
 * Where audit records go: the log (default), a Redis Stream, or your own (Kafka, a
 * database). Called on the audit writer's thread, one record at a time and never on a
 * request's thread; an exception is counted as a failed write and shown in the
 * {@code llmaudit} health, and the record is not retried.
 */
@FunctionalInterface
public interface RoutingAuditSink {

	void write(AuditRecord record) throws Exception;

	/**
	 * A short name for health and logs, for example {@code log} or {@code redis-stream}.
	 */
	default String name() {
		return getClass().getSimpleName();
	}

}
