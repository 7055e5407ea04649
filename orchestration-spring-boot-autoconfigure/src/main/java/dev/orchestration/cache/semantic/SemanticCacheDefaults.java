package dev.orchestration.cache.semantic;

/**
 * Measured defaults of the semantic cache.
 */
public final class SemanticCacheDefaults {

	/** TODO measured. */
	public static final double SIMILARITY_THRESHOLD = 0.95;

	/** TODO measured. */
	public static final double VERIFIED_SIMILARITY_THRESHOLD = 0.90;

	private SemanticCacheDefaults() {
	}

}
