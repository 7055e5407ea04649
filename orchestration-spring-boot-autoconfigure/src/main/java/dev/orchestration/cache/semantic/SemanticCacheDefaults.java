package dev.orchestration.cache.semantic;

/**
 * Measured defaults of the semantic cache (all-MiniLM-L6-v2-q embeddings, cosine similarity).
 * <p>
 * Both thresholds were chosen on GPTCache's 10,000 labelled Quora question pairs ({@code qqp_dev.json}) as the
 * lowest threshold whose false-hit rate (false hits / hits, every query matched against ALL cached questions) is at
 * most 1.5 %, a margin under the 2 % bound for sampling noise (a few false hits out of about 220). Measured with
 * {@code java -jar orchestration-bench/target/orchestration-bench.jar cache --pairs ../shared/data/semantic-cache/qqp_dev.json}
 * (add {@code --verify} for the verified threshold); curves and discussion in {@code docs/semantic-cache.md}.
 * <p>
 * What the numbers mean: on Quora pairs, different questions are often worded almost identically and the labels are
 * noisy, so staying under 2 % false hits forces a near-exact match: at the default, 217 of the 220 hits are texts
 * identical up to case and punctuation. Deployments whose traffic repeats questions in reworded form and that accept
 * more risk can lower the threshold per scope after measuring their own pairs with the bench (on GPTCache's ChatGPT
 * paraphrases, 0.95 serves 33 % of the rewordings with 2 % false hits; on Quora pairs the same 0.95 gives 20 % false
 * hits).
 */
public final class SemanticCacheDefaults {

	/**
	 * Default minimum cosine similarity of a semantic hit, embedding alone: 0.993. On {@code qqp_dev.json}: hit rate
	 * 4.42 % of same-meaning pairs, false-hit rate 1.36 % (3 of 220 hits); on {@code paraphrase_999.json}: no hits.
	 */
	public static final double SIMILARITY_THRESHOLD = 0.993;

	/**
	 * Minimum cosine similarity when candidates also pass {@link TextOverlapVerifier}: 0.992. On
	 * {@code qqp_dev.json}: hit rate 4.58 %, false-hit rate 1.33 % (3 of 226 hits), so the verifier buys almost nothing
	 * at this bound; on {@code paraphrase_999.json}: no hits.
	 */
	public static final double VERIFIED_SIMILARITY_THRESHOLD = 0.992;

	private SemanticCacheDefaults() {
	}

}
