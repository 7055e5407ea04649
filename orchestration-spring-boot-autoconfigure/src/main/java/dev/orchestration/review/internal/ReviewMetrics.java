package dev.orchestration.review.internal;

import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.review.ReviewVerdict;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Review meters: {@code llm.review.requests} (reason, status: queued, held-locally,
 * dropped), {@code llm.review.resolutions} (verdict) and {@code llm.review.evicted}
 * (store: the oldest reviews dropped from a full queue).
 */
public class ReviewMetrics {

	private final MeterRegistry registry;

	public ReviewMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void requested(ReviewTicket.Reason reason, ReviewTicket.Status status) {
		this.registry.counter("llm.review.requests", "reason", reason.id(), "status", status.id()).increment();
	}

	public void resolved(ReviewVerdict verdict) {
		this.registry.counter("llm.review.resolutions", "verdict", verdict.name().toLowerCase()).increment();
	}

	/** Counts reviews a full queue dropped to make room. */
	public void evicted(String store, long count) {
		this.registry.counter("llm.review.evicted", "store", store).increment(count);
	}

}
