package dev.orchestration.audit;

/**
 * Sees every audit record on the request's thread, before it is queued for the sink
 * (passive drift detection reads them). Keep it fast and in memory; an exception is
 * logged and never reaches the caller.
 */
@FunctionalInterface
public interface AuditRecordListener {

	void onRecord(AuditRecord record);

}
