package dev.orchestration.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;

/**
 * Measures a semantic cache on labelled pairs, the way a shared cache is used.
 * <p>
 * The first text of every pair is cached (distinct texts once) in ONE scope of an
 * {@link InMemorySemanticIndex}; then every second text looks up its nearest entry among
 * ALL cached texts, not only its own partner, exactly as in a cache shared by many
 * different questions (a per-pair comparison would never see a query matching another
 * user's different question, the failure that matters). A candidate counts as a hit when
 * its similarity reaches the threshold (and, with a {@link CandidateVerifier}, when the
 * verifier accepts it).
 * <p>
 * A hit is correct when the data set says the matched text and the query ask the same
 * question: the matched entry is the query's own partner on a pair labelled same-meaning,
 * or the two texts are identical up to case, punctuation and spacing, or they are linked
 * by a chain of pairs labelled same-meaning (Quora's duplicate clusters: A=B and B=C make
 * A=C). A hit on the partner of a pair labelled different, or on any other text, is a
 * false hit: another user's different question answered from the cache. Pairs the data
 * set never compared can still mean the same thing, so the false-hit rate is an upper
 * bound. The stricter count of the rule (own partner with label 1, or the exact
 * same string) is reported beside it as the strict false-hit rate. The opposite reading,
 * an optimistic bound, counts as false only the hits the data set judged: the cached text
 * and the query form a pair labelled different; every hit on a text the data set never
 * compared with the query counts as correct. No threshold can do better on these labels
 * than that count says.
 * <p>
 * Hit rate = correct hits on same-meaning pairs / same-meaning pairs; false-hit rate =
 * false hits / hits.
 */
public final class CacheEvaluation {

	static final String SCOPE = "bench";

	private final List<LabelledPair> pairs;

	private final List<String> entryTexts;

	private final int[] partnerEntry;

	private final int[] matchedEntry;

	private final double[] similarity;

	private final long sameMeaningPairs;

	private final String[] entryGroup;

	private final String[] queryGroup;

	private final long lookupNanos;

	private final List<float[]> entryVectors;

	private final boolean[] judgedDifferent;

	private CacheEvaluation(List<LabelledPair> pairs, List<String> entryTexts, int[] partnerEntry, int[] matchedEntry,
			double[] similarity, long lookupNanos, List<float[]> entryVectors) {
		this.entryVectors = entryVectors;
		this.pairs = pairs;
		this.entryTexts = entryTexts;
		this.partnerEntry = partnerEntry;
		this.matchedEntry = matchedEntry;
		this.similarity = similarity;
		this.sameMeaningPairs = pairs.stream().filter(LabelledPair::sameMeaning).count();
		this.lookupNanos = lookupNanos;
		SameQuestionGroups groups = new SameQuestionGroups(pairs);
		this.entryGroup = entryTexts.stream().map(groups::groupOf).toArray(String[]::new);
		this.queryGroup = pairs.stream().map((pair) -> groups.groupOf(pair.second())).toArray(String[]::new);
		this.judgedDifferent = judgedDifferent(pairs, entryTexts, matchedEntry);
	}

	/**
	 * For every lookup, whether its nearest entry and the query form a pair the data set
	 * labelled different (in either order).
	 */
	private static boolean[] judgedDifferent(List<LabelledPair> pairs, List<String> entryTexts, int[] matchedEntry) {
		Set<List<String>> different = new HashSet<>();
		for (LabelledPair pair : pairs) {
			if (!pair.sameMeaning()) {
				different.add(List.of(pair.first(), pair.second()));
				different.add(List.of(pair.second(), pair.first()));
			}
		}
		boolean[] judged = new boolean[pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			int entry = matchedEntry[i];
			judged[i] = entry >= 0 && different.contains(List.of(entryTexts.get(entry), pairs.get(i).second()));
		}
		return judged;
	}

	/**
	 * Embeds the pairs, fills the index and looks up every query once; thresholds are
	 * applied afterwards.
	 * @param pairs the labelled pairs
	 * @param embedder embeds a batch of texts into normalised vectors (called with
	 * batches of the given size)
	 * @param batchSize the number of texts per embedding call
	 * @return the evaluation, ready to be counted at any threshold
	 */
	public static CacheEvaluation run(List<LabelledPair> pairs, Function<List<String>, List<float[]>> embedder,
			int batchSize) {
		List<String> entryTexts = new ArrayList<>();
		Map<String, Integer> entryByText = new HashMap<>();
		int[] partnerEntry = new int[pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			String first = pairs.get(i).first();
			partnerEntry[i] = entryByText.computeIfAbsent(first, (text) -> {
				entryTexts.add(text);
				return entryTexts.size() - 1;
			});
		}
		List<float[]> entryVectors = embedAll(entryTexts, embedder, batchSize);
		List<float[]> queryVectors = embedAll(pairs.stream().map(LabelledPair::second).toList(), embedder, batchSize);

		InMemorySemanticIndex index = new InMemorySemanticIndex(Math.max(1, entryTexts.size()));
		Instant expiresAt = Instant.now().plusSeconds(86_400);
		for (int e = 0; e < entryTexts.size(); e++) {
			index.add(SCOPE, Integer.toString(e), entryVectors.get(e), expiresAt);
		}
		int[] matched = new int[pairs.size()];
		double[] similarity = new double[pairs.size()];
		long start = System.nanoTime();
		// The index is thread-safe: look up in parallel like concurrent requests would.
		IntStream.range(0, pairs.size()).parallel().forEach((i) -> {
			Optional<SemanticMatch> match = index.nearest(SCOPE, queryVectors.get(i), -1.0);
			matched[i] = match.map((m) -> Integer.parseInt(m.entryId())).orElse(-1);
			similarity[i] = match.map(SemanticMatch::similarity).orElse(Double.NEGATIVE_INFINITY);
		});
		long lookupNanos = System.nanoTime() - start;
		return new CacheEvaluation(pairs, entryTexts, partnerEntry, matched, similarity, lookupNanos, entryVectors);
	}

	private static List<float[]> embedAll(List<String> texts, Function<List<String>, List<float[]>> embedder,
			int batchSize) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += batchSize) {
			List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
			List<float[]> embedded = embedder.apply(batch);
			if (embedded.size() != batch.size()) {
				throw new IllegalStateException(
						"Embedder returned " + embedded.size() + " vectors for " + batch.size() + " texts");
			}
			vectors.addAll(embedded);
		}
		return vectors;
	}

	/**
	 * Counts hits at a threshold, the embedding alone deciding.
	 * @param threshold the minimum similarity of a hit
	 * @return the counts
	 */
	public Counts count(double threshold) {
		return count(threshold, CandidateVerifier.ACCEPT_ALL);
	}

	/**
	 * Counts hits at a threshold, a verifier checking every candidate above it.
	 * @param threshold the minimum similarity of a candidate
	 * @param verifier decides whether a candidate is served
	 * @return the counts
	 */
	public Counts count(double threshold, CandidateVerifier verifier) {
		long hits = 0;
		long correctHits = 0;
		long correctOnSameMeaning = 0;
		long strictFalseHits = 0;
		long judgedFalseHits = 0;
		long optimisticOnSameMeaning = 0;
		long rejected = 0;
		for (int i = 0; i < this.pairs.size(); i++) {
			int entry = this.matchedEntry[i];
			if (entry < 0 || this.similarity[i] < threshold) {
				continue;
			}
			LabelledPair pair = this.pairs.get(i);
			String cachedText = this.entryTexts.get(entry);
			if (!verifier.accept(cachedText, pair.second(), this.similarity[i])) {
				rejected++;
				continue;
			}
			hits++;
			boolean partner = entry == this.partnerEntry[i];
			boolean correct = (partner && !pair.sameMeaning()) ? false
					: this.entryGroup[entry].equals(this.queryGroup[i]);
			if (correct) {
				correctHits++;
				if (pair.sameMeaning()) {
					correctOnSameMeaning++;
				}
			}
			boolean strictlyCorrect = (partner && pair.sameMeaning()) || cachedText.equals(pair.second());
			if (!strictlyCorrect) {
				strictFalseHits++;
			}
			if (this.judgedDifferent[i]) {
				judgedFalseHits++;
			}
			else if (pair.sameMeaning()) {
				optimisticOnSameMeaning++;
			}
		}
		return new Counts(threshold, this.pairs.size(), this.sameMeaningPairs, hits, correctHits, hits - correctHits,
				correctOnSameMeaning, strictFalseHits, rejected, judgedFalseHits, optimisticOnSameMeaning);
	}

	/**
	 * The similarity of query {@code i}'s nearest entry (negative infinity when the index
	 * was empty).
	 */
	public double similarity(int i) {
		return this.similarity[i];
	}

	/**
	 * Whether serving query {@code i}'s nearest entry would be a correct hit (the
	 * counting rule above).
	 */
	public boolean correct(int i) {
		int entry = this.matchedEntry[i];
		if (entry < 0) {
			return false;
		}
		LabelledPair pair = this.pairs.get(i);
		boolean partner = entry == this.partnerEntry[i];
		return !(partner && !pair.sameMeaning()) && this.entryGroup[entry].equals(this.queryGroup[i]);
	}

	/** Whether query {@code i} belongs to a pair labelled same-meaning. */
	public boolean sameMeaning(int i) {
		return this.pairs.get(i).sameMeaning();
	}

	/** The number of lookups (pairs). */
	public int lookups() {
		return this.pairs.size();
	}

	/** The vectors of the cached texts. */
	public List<float[]> entryVectors() {
		return this.entryVectors;
	}

	/** The cached texts. */
	public List<String> entryTexts() {
		return this.entryTexts;
	}

	/**
	 * Returns the number of distinct cached texts.
	 * @return the number of index entries
	 */
	public int entries() {
		return this.entryTexts.size();
	}

	/**
	 * Returns the number of pairs labelled same-meaning.
	 * @return the same-meaning pairs
	 */
	public long sameMeaningPairs() {
		return this.sameMeaningPairs;
	}

	/**
	 * Returns the wall time of all lookups.
	 * @return nanoseconds spent in {@code nearest} over all queries (parallel)
	 */
	public long lookupNanos() {
		return this.lookupNanos;
	}

	/**
	 * Hit counts at one threshold.
	 *
	 * @param threshold the minimum similarity
	 * @param pairs all pairs (lookups)
	 * @param sameMeaningPairs pairs labelled same-meaning
	 * @param hits lookups served from the cache
	 * @param correctHits hits that served the same question
	 * @param falseHits hits that served another question
	 * @param correctHitsOnSameMeaning correct hits of same-meaning pairs (numerator of
	 * the hit rate)
	 * @param strictFalseHits false hits under the strict rule (own partner with label 1
	 * or the exact same string)
	 * @param rejected candidates above the threshold that the verifier rejected
	 * @param judgedFalseHits hits on a text the data set labelled different from the
	 * query (the only false hits of the optimistic bound)
	 * @param optimisticHitsOnSameMeaning hits of same-meaning pairs that are not judged
	 * false (numerator of the optimistic hit rate)
	 */
	public record Counts(double threshold, long pairs, long sameMeaningPairs, long hits, long correctHits,
			long falseHits, long correctHitsOnSameMeaning, long strictFalseHits, long rejected, long judgedFalseHits,
			long optimisticHitsOnSameMeaning) {

		/**
		 * Returns correct hits on same-meaning pairs / same-meaning pairs.
		 * @return the hit rate, 0 when there are no same-meaning pairs
		 */
		public double hitRate() {
			return (this.sameMeaningPairs != 0) ? (double) this.correctHitsOnSameMeaning / this.sameMeaningPairs : 0;
		}

		/**
		 * Returns false hits / hits.
		 * @return the false-hit rate, 0 when there are no hits
		 */
		public double falseHitRate() {
			return (this.hits != 0) ? (double) this.falseHits / this.hits : 0;
		}

		/**
		 * Returns false hits / hits under the strict rule.
		 * @return the strict false-hit rate, 0 when there are no hits
		 */
		public double strictFalseHitRate() {
			return (this.hits != 0) ? (double) this.strictFalseHits / this.hits : 0;
		}

		/**
		 * Returns the hit rate when every hit the data set never judged counts as
		 * correct.
		 * @return optimistic hits on same-meaning pairs / same-meaning pairs
		 */
		public double optimisticHitRate() {
			return (this.sameMeaningPairs != 0) ? (double) this.optimisticHitsOnSameMeaning / this.sameMeaningPairs : 0;
		}

		/**
		 * Returns judged false hits / hits: the false-hit rate of the optimistic bound.
		 * @return the judged false-hit rate, 0 when there are no hits
		 */
		public double judgedFalseHitRate() {
			return (this.hits != 0) ? (double) this.judgedFalseHits / this.hits : 0;
		}

		/**
		 * Returns hits / lookups (the data README's definition of hit rate).
		 * @return the share of lookups served from the cache
		 */
		public double servedRate() {
			return (this.pairs != 0) ? (double) this.hits / this.pairs : 0;
		}

	}

}
