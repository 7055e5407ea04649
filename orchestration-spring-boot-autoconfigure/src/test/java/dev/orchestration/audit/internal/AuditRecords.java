package dev.orchestration.audit.internal;

import java.time.Instant;
import java.util.List;

import dev.orchestration.audit.AuditOutcome;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditSource;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;

/** Records for unit tests. */
final class AuditRecords {

	private AuditRecords() {
	}

	static AuditRecord answered(String tenant) {
		return new AuditRecord(Instant.parse("2026-12-01T10:00:00Z"), null, null, AuditOutcome.ANSWERED,
				AuditSource.CLIENT, tenant, null, null, new Route("small", RouteLayer.DEFAULT, "default"), "static",
				false, "small", "small-a", "a", List.of(), 0, 0, 0, null, null, null, null, null, null, null);
	}

}
