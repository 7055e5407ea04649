package dev.orchestration.audit.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The trace and span id of the current request, as Micrometer Tracing (Brave or
 * OpenTelemetry bridge) puts them in the logging MDC ({@code traceId}, {@code spanId})
 * for the current observation. Without tracing both are {@code null}.
 *
 * @param traceId the trace id, or {@code null}
 * @param spanId the span id, or {@code null}
 */
record TraceIds(@Nullable String traceId, @Nullable String spanId) {

	static final TraceIds NONE = new TraceIds(null, null);

	/** Reads the ids of the current thread. */
	public static TraceIds current() {
		try {
			String trace = MDC.get("traceId");
			String span = MDC.get("spanId");
			return (trace == null && span == null) ? NONE : new TraceIds(trace, span);
		}
		catch (RuntimeException ex) {
			return NONE;
		}
	}

}
