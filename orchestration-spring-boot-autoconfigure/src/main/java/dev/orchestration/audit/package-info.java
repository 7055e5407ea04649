/**
 * Audit: one structured record per routed request, redacted and written off the request
 * path through a {@link dev.orchestration.audit.RoutingAuditSink}.
 */
@NullMarked
package dev.orchestration.audit;

import org.jspecify.annotations.NullMarked;
