package dev.orchestration.audit.internal;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Audit meters: {@code llm.audit.records} (result: written, dropped, failed; sink) and
 * {@code llm.audit.queue.size}.
 */
public final class AuditMetrics {

	private AuditMetrics() {
	}

	public static void bind(AuditWriter writer, MeterRegistry registry) {
		counter(registry, writer, "written", AuditWriter::written);
		counter(registry, writer, "dropped", AuditWriter::dropped);
		counter(registry, writer, "failed", AuditWriter::failed);
		Gauge.builder("llm.audit.queue.size", writer, AuditWriter::queued)
			.tag("sink", writer.sinkName())
			.description("Audit records waiting for the sink")
			.register(registry);
	}

	private static void counter(MeterRegistry registry, AuditWriter writer, String result,
			ToDoubleFunction<AuditWriter> count) {
		FunctionCounter.builder("llm.audit.records", writer, count)
			.tag("result", result)
			.tag("sink", writer.sinkName())
			.description("Audit records by what became of them")
			.register(registry);
	}

}
