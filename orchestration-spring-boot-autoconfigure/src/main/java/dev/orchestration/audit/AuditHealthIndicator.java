package dev.orchestration.audit;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the audit trail as {@code UNKNOWN} with {@code degraded: true} while records
 * were dropped or the sink failed within the health window: requests are still served,
 * but the trail has gaps. {@code UNKNOWN} never turns the application's health down (the
 * same convention as {@code llmbudget} and {@code llmcache}).
 */
public class AuditHealthIndicator extends AbstractHealthIndicator {

	private final AuditWriter writer;

	public AuditHealthIndicator(AuditWriter writer) {
		super("LLM audit health check failed");
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean degraded = this.writer.isDegraded();
		builder.status(degraded ? Status.UNKNOWN : Status.UP)
			.withDetail("sink", this.writer.sinkName())
			.withDetail("degraded", degraded)
			.withDetail("written", this.writer.written())
			.withDetail("dropped", this.writer.dropped())
			.withDetail("failed", this.writer.failed())
			.withDetail("queued", this.writer.queued())
			.withDetail("capacity", this.writer.capacity());
		if (degraded) {
			builder.withDetail("reason", "audit records lost recently (sink failing or too slow); requests are served");
		}
		if (this.writer.lastError() != null) {
			builder.withDetail("lastError", this.writer.lastError())
				.withDetail("lastErrorAt", String.valueOf(this.writer.lastTrouble()));
		}
	}

}
