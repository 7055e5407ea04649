package dev.orchestration.cache.semantic;

/**
 * Placeholder.
 */
public final class TextOverlapVerifier implements CandidateVerifier {

	@Override
	public boolean accept(String cachedText, String queryText, double similarity) {
		return true;
	}

}
