package dev.orchestration.cache.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.orchestration.cache.ResponseCacheStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cache meters: {@code llm.cache.lookups} (layer, result),
 * {@code llm.cache.writes.rejected} (layer, reason),
 * {@code llm.cache.semantic.near-misses} (reason), and per store {@code llm.cache.size}
 * and {@code llm.cache.evictions}.
 */
public class CacheMetrics {

	private final MeterRegistry registry;

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	public CacheMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void lookup(String layer, boolean hit) {
		String result = hit ? "hit" : "miss";
		this.registry.counter("llm.cache.lookups", "layer", layer, "result", result).increment();
		this.counts.computeIfAbsent(layer + "." + result, (key) -> new LongAdder()).increment();
	}

	/** Lookups of a layer since start, for the endpoint: {@code hit} or {@code miss}. */
	public long lookups(String layer, String result) {
		LongAdder count = this.counts.get(layer + "." + result);
		return (count != null) ? count.sum() : 0;
	}

	void rejectedWrite(String layer, String reason) {
		this.registry.counter("llm.cache.writes.rejected", "layer", layer, "reason", reason).increment();
	}

	/**
	 * A semantic candidate that was close but not served (below the threshold, or refused
	 * by the verifier).
	 */
	void nearMiss(String reason) {
		this.registry.counter("llm.cache.semantic.near-misses", "reason", reason).increment();
	}

	/**
	 * A semantic lookup not made because the question is beyond the embedding window
	 * (exact cache only).
	 */
	void semanticSkipped(String reason) {
		this.registry.counter("llm.cache.semantic.skipped", "reason", reason).increment();
	}

	/**
	 * Registers {@code llm.cache.semantic.subscribed}: 1 once a Redis semantic index is
	 * subscribed, else 0.
	 */
	public void bindSubscription(dev.orchestration.cache.redis.RedisSemanticIndex index) {
		Gauge.builder("llm.cache.semantic.subscribed", index, (i) -> i.isSubscribed() ? 1 : 0)
			.description("Whether the Redis semantic index is subscribed to other instances' writes and loaded")
			.register(this.registry);
	}

	/** Registers size and eviction meters of a store. */
	public void bind(String layer, ResponseCacheStore store) {
		Gauge.builder("llm.cache.size", store, (s) -> (s.size() < 0) ? Double.NaN : s.size())
			.tag("layer", layer)
			.description("Entries held")
			.register(this.registry);
		FunctionCounter.builder("llm.cache.evictions", store, ResponseCacheStore::evictions)
			.tag("layer", layer)
			.description("Entries evicted to respect the store's bounds")
			.register(this.registry);
	}

}
