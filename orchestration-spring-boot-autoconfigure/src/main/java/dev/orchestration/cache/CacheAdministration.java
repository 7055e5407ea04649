package dev.orchestration.cache;

import java.util.Map;

import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cache.semantic.SemanticIndex;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoint shows and does about the caches: statistics per layer and clearing
 * one scope.
 */
public class CacheAdministration {

	private final String storeType;

	private final ResponseCacheStore store;

	private final @Nullable SemanticIndex semanticIndex;

	private final CacheMetrics metrics;

	public CacheAdministration(String storeType, ResponseCacheStore store, @Nullable SemanticIndex semanticIndex,
			CacheMetrics metrics) {
		this.storeType = storeType;
		this.store = store;
		this.semanticIndex = semanticIndex;
		this.metrics = metrics;
	}

	public Statistics statistics() {
		return new Statistics(this.storeType, this.store.size(), this.store.evictions(),
				(this.semanticIndex != null) ? this.semanticIndex.size() : 0,
				Map.of(CacheHit.EXACT, layer(CacheHit.EXACT), CacheHit.SEMANTIC, layer(CacheHit.SEMANTIC)));
	}

	/**
	 * Removes every entry and vector of a scope (the hash a {@link CacheKeyStrategy}
	 * computes).
	 */
	public long clearScope(String scopeKey) {
		if (this.semanticIndex != null) {
			this.semanticIndex.clear(scopeKey);
		}
		return this.store.clearScope(scopeKey);
	}

	private LayerStatistics layer(String layer) {
		long hits = this.metrics.lookups(layer, "hit");
		long misses = this.metrics.lookups(layer, "miss");
		return new LayerStatistics(hits, misses, (hits + misses > 0) ? (double) hits / (hits + misses) : 0);
	}

	/**
	 * Cache statistics for the endpoint; entries is -1 where the store cannot count
	 * cheaply (Redis).
	 */
	public record Statistics(String store, long entries, long evictions, long semanticVectors,
			Map<String, LayerStatistics> layers) {
	}

	/** Lookups of one layer since start. */
	public record LayerStatistics(long hits, long misses, double hitRate) {
	}

}
