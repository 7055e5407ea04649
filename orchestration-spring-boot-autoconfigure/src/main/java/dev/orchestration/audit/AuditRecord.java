package dev.orchestration.audit;

import java.time.Instant;
import java.util.List;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.Route;
import org.jspecify.annotations.Nullable;

/**
 * One routed request as the audit trail keeps it. Free text (tenant, reasons, error,
 * prompt and answer) is redacted before the record is built; prompt and answer are
 * {@code null} unless {@code llm.audit.include-prompt} / {@code include-answer} are on.
 *
 * @param timestamp when the request arrived
 * @param traceId the trace id of the request (Micrometer Tracing's {@code traceId} in the
 * MDC), or {@code null}
 * @param spanId the span id of the request, or {@code null}
 * @param outcome how the request ended
 * @param source whether the record covers a client request or a bare model call
 * @param tenant the caller's tenant hint
 * @param task the task the request was routed with
 * @param taskSource where the task came from ({@code hint}, {@code embedding},
 * {@code router-model})
 * @param route the tier chosen first, by which layer and why ({@code null} for a request
 * refused before routing)
 * @param configVersion the routing configuration the request ran under ({@code static}
 * until configurations are versioned)
 * @param streamed whether the answer was streamed
 * @param tier the tier that answered, or {@code null}
 * @param member the member that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param attempts every attempt of every model call of the request (tool turns, cascade
 * steps and judge calls included), skipped members too
 * @param promptTokens prompt tokens over all attempts
 * @param completionTokens completion tokens over all attempts
 * @param cost USD over all attempts (0 for a cache hit)
 * @param cache the cache layer that answered, or {@code null}
 * @param cascade what the cascade did, or {@code null} when no verifier ran
 * @param review the review hand-off outcome, or {@code null} when the request was not
 * sent for review
 * @param errorType the simple class name of the error the caller received, or
 * {@code null}
 * @param error the error message (redacted), or {@code null}
 * @param prompt the last user message (opt-in, redacted, shortened), or {@code null}
 * @param answer the answer text (opt-in, redacted, shortened), or {@code null}
 */
public record AuditRecord(Instant timestamp, @Nullable String traceId, @Nullable String spanId, AuditOutcome outcome,
		AuditSource source, @Nullable String tenant, @Nullable String task, @Nullable String taskSource,
		@Nullable Route route, String configVersion, boolean streamed, @Nullable String tier, @Nullable String member,
		@Nullable String model, List<Attempt> attempts, long promptTokens, long completionTokens, double cost,
		@Nullable AuditCache cache, @Nullable AuditCascade cascade, @Nullable String review, @Nullable String errorType,
		@Nullable String error, @Nullable String prompt, @Nullable String answer) {

	public AuditRecord {
		attempts = List.copyOf(attempts);
	}

}
