package dev.orchestration.audit.internal;

import dev.orchestration.redis.internal.DegradedStoreHealthIndicator;

import org.springframework.boot.health.contributor.Health;

/**
 * Reports the audit trail as {@code UNKNOWN} with {@code degraded: true} while records
 * were dropped or the sink failed within the health window: requests are still served,
 * but the trail has gaps. {@code UNKNOWN} never turns the application's health down (the
 * same convention as {@code llmbudget} and {@code llmcache}).
 */
public class AuditHealthIndicator extends DegradedStoreHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "audit records lost recently (sink failing or too slow); requests are served";

	public AuditHealthIndicator(AuditWriter writer) {
		super(new What("LLM audit health check failed", "sink", writer::sinkName, DEGRADED_REASON), writer::isDegraded,
				writer::lastError, (builder) -> details(builder, writer));
	}

	private static void details(Health.Builder builder, AuditWriter writer) {
		builder.withDetail("written", writer.written())
			.withDetail("dropped", writer.dropped())
			.withDetail("failed", writer.failed())
			.withDetail("queued", writer.queued())
			.withDetail("capacity", writer.capacity());
		if (writer.lastError() != null) {
			builder.withDetail("lastErrorAt", String.valueOf(writer.lastTrouble()));
		}
	}

}
