package dev.orchestration.audit.internal;

import dev.orchestration.redis.internal.DegradedHealth;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the audit trail as {@code UNKNOWN} with {@code degraded: true} while records
 * were dropped or the sink failed within the health window: requests are still served,
 * but the trail has gaps. {@code UNKNOWN} never turns the application's health down (the
 * same convention as {@code llmbudget} and {@code llmcache}).
 */
public class AuditHealthIndicator extends AbstractHealthIndicator {

	/** Why the status is {@code UNKNOWN}. */
	public static final String DEGRADED_REASON = "audit records lost recently (sink failing or too slow); requests are served";

	private final AuditWriter writer;

	public AuditHealthIndicator(AuditWriter writer) {
		super("LLM audit health check failed");
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.writer.isDegraded();
		DegradedHealth.open(builder, degraded, degraded, "sink", this.writer.sinkName())
			.withDetail("written", this.writer.written())
			.withDetail("dropped", this.writer.dropped())
			.withDetail("failed", this.writer.failed())
			.withDetail("queued", this.writer.queued())
			.withDetail("capacity", this.writer.capacity());
		DegradedHealth.close(builder, degraded ? DEGRADED_REASON : null, this.writer.lastError());
		if (this.writer.lastError() != null) {
			builder.withDetail("lastErrorAt", String.valueOf(this.writer.lastTrouble()));
		}
	}

}
