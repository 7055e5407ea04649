package dev.orchestration.cache.semantic.internal;

/**
 * The similarity a semantic candidate needs in a scope, and the evidence that moves it.
 * <p>
 * Evidence is an observation of a candidate at a similarity that turned out to ask the
 * same question (correct) or not (wrong): a user's report on a served hit, a verifier's
 * rejection, or a gray-zone check's verdict. Implementations are thread-safe.
 */
public interface SimilarityThresholds {

	/**
	 * The minimum similarity at which a candidate of the scope is served without a second
	 * opinion.
	 * @param scope the cache scope key
	 * @return the threshold in [0, 1]
	 */
	double threshold(String scope);

	/**
	 * Records that a candidate of the scope at this similarity asked another question.
	 * @param scope the cache scope key
	 * @param similarity the candidate's similarity
	 */
	void wrong(String scope, double similarity);

	/**
	 * Records that a candidate of the scope at this similarity asked the same question.
	 * @param scope the cache scope key
	 * @param similarity the candidate's similarity
	 */
	void correct(String scope, double similarity);

	/**
	 * One threshold for every scope, which evidence never moves.
	 * @param threshold the threshold
	 * @return the thresholds
	 */
	static SimilarityThresholds fixed(double threshold) {
		return new SimilarityThresholds() {

			@Override
			public double threshold(String scope) {
				return threshold;
			}

			@Override
			public void wrong(String scope, double similarity) {
			}

			@Override
			public void correct(String scope, double similarity) {
			}

		};
	}

}
