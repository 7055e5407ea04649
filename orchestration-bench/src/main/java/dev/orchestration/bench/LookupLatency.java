package dev.orchestration.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;

/**
 * Latency of one semantic lookup as a request pays it: embed the question, then search
 * one scope of {@code entries} vectors, on the calling thread, one lookup at a time, with
 * three indexes holding the same vectors side by side: the full scan (every entry's dot
 * product, the index before issue 13's latency work), {@link InMemorySemanticIndex}'s
 * exact pruned search and its approximate search ({@code probes} of 128 clusters). Every
 * question goes to all three and their answers are compared with the full scan's. The
 * timing is a second pass: each index is timed alone, embedding then search, as a
 * deployment has one index (with all three searched after every embedding, the other two
 * indexes' memory traffic slowed the next embedding: all-MiniLM-L6-v2 at 50,000 entries,
 * median 1.87-2.07 ms against 1.45-1.86 ms timed alone, 4 December 2026), in blocks of
 * {@value #TIMING_BLOCK} lookups that take turns.
 * <p>
 * The indexes hold the data's cached vectors, filled up to {@code entries} with synthetic
 * vectors that lie where real questions do: each is a random data vector plus Gaussian
 * noise of norm {@value #FILLER_NOISE} (cosine ~0.93 to it, about the data's median
 * nearest-neighbour similarity). Random unit vectors would be nearly orthogonal to every
 * query and make any pruning look perfect.
 */
final class LookupLatency {

	static final double FILLER_NOISE = 0.4;

	/** Timed lookups in a row on one index before the next index takes its turn. */
	static final int TIMING_BLOCK = 100;

	/**
	 * Below what the cache asks for (at least the threshold minus 0.05, or the gray
	 * zone's floor).
	 */
	static final double MIN_SIMILARITY = 0.5;

	private LookupLatency() {
	}

	record Timing(double p50Millis, double p99Millis, double searchP50Millis, double searchP99Millis) {
	}

	/**
	 * How often the approximate search answers as the full scan does, overall and where
	 * it matters to a cache with a threshold of {@code floor}: of the lookups the full
	 * scan would serve (best at or above the floor), how many the approximate search
	 * serves with the same entry, with another entry above the floor, or not at all.
	 */
	record Agreement(double floor, int servedByFullScan, int servedSame, int servedOther, int lost) {
	}

	record Result(int entries, int lookups, double embedP50Millis, double embedP99Millis, Timing fullScan,
			Timing pruned, Timing approximate, double comparisonsPerLookup, double approximateComparisonsPerLookup,
			int sameMatch, int approximateSameMatch, int probes, List<Agreement> approximateAgreement) {
	}

	/**
	 * Similarity floors at which the approximate search's agreement is reported: the gray
	 * zone's default floor and two between; each run adds the cache's threshold.
	 */
	static final double[] AGREEMENT_FLOORS = { 0.80, 0.90, 0.95 };

	/**
	 * Measures the three searches over the same vectors.
	 * @param model the embedding model (each lookup embeds its question)
	 * @param vectors the data's entry vectors
	 * @param questions the questions looked up, in turn
	 * @param entries the entries of the scope
	 * @param lookups the lookups timed
	 * @param probes the clusters the approximate search probes
	 * @param threshold the cache's similarity threshold, for the approximate agreement
	 * @return the timings and agreements
	 */
	static Result measure(OnnxEmbeddingModel model, List<float[]> vectors, List<String> questions, int entries,
			int lookups, int probes, double threshold) {
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(entries);
		InMemorySemanticIndex pruned = new InMemorySemanticIndex(entries);
		InMemorySemanticIndex approximate = InMemorySemanticIndex.approximate(entries, probes);
		InMemorySemanticIndex[] indexes = { full, pruned, approximate };
		Instant expiresAt = Instant.now().plusSeconds(3600);
		Random random = new Random(1);
		int dims = vectors.get(0).length;
		for (int e = 0; e < entries; e++) {
			float[] vector;
			if (e < vectors.size()) {
				vector = vectors.get(e);
			}
			else {
				float[] source = vectors.get(random.nextInt(vectors.size()));
				vector = new float[dims];
				double scale = FILLER_NOISE / Math.sqrt(dims);
				for (int d = 0; d < dims; d++) {
					vector[d] = (float) (source[d] + random.nextGaussian() * scale);
				}
			}
			for (InMemorySemanticIndex index : indexes) {
				index.add("bench", Integer.toString(e), vector, expiresAt);
			}
		}
		for (int i = 0; i < 50; i++) {
			float[] vector = model.embed(questions.get(i % questions.size()));
			for (InMemorySemanticIndex index : indexes) {
				index.nearest("bench", vector, MIN_SIMILARITY);
			}
		}
		long comparisonsBefore = pruned.exactComparisons();
		long approximateBefore = approximate.exactComparisons();
		int same = 0;
		int sameApproximate = 0;
		double[] floors = Arrays.copyOf(AGREEMENT_FLOORS, AGREEMENT_FLOORS.length + 1);
		floors[AGREEMENT_FLOORS.length] = threshold;
		int[] served = new int[floors.length];
		int[] servedSame = new int[floors.length];
		int[] servedOther = new int[floors.length];
		int[] lost = new int[floors.length];
		@SuppressWarnings("unchecked")
		Optional<SemanticMatch>[] found = new Optional[indexes.length];
		// agreement: every question to all three indexes
		for (int i = 0; i < lookups; i++) {
			float[] vector = model.embed(questions.get(i % questions.size()));
			for (int k = 0; k < indexes.length; k++) {
				found[k] = indexes[k].nearest("bench", vector, MIN_SIMILARITY);
			}
			Optional<SemanticMatch> exact = found[0];
			if (Objects.equals(exact, found[1])) {
				same++;
			}
			if (Objects.equals(exact, found[2])) {
				sameApproximate++;
			}
			for (int f = 0; f < floors.length; f++) {
				if (exact.isEmpty() || exact.get().similarity() < floors[f]) {
					continue;
				}
				served[f]++;
				Optional<SemanticMatch> other = found[2];
				if (other.isPresent() && other.get().entryId().equals(exact.get().entryId())) {
					servedSame[f]++;
				}
				else if (other.isPresent() && other.get().similarity() >= floors[f]) {
					servedOther[f]++;
				}
				else {
					lost[f]++;
				}
			}
		}
		double comparisons = (pruned.exactComparisons() - comparisonsBefore) / (double) lookups;
		double approximateComparisons = (approximate.exactComparisons() - approximateBefore) / (double) lookups;
		// timing: each index alone between one embedding and the next, as a deployment
		// has one index (the other two's memory traffic would slow the embedding that
		// follows), in blocks that take turns so that all three see the same machine
		long[] embed = new long[indexes.length * lookups];
		long[][] lookup = new long[indexes.length][lookups];
		long[][] search = new long[indexes.length][lookups];
		int rounds = (lookups + TIMING_BLOCK - 1) / TIMING_BLOCK;
		for (int round = 0; round < rounds; round++) {
			for (int k = 0; k < indexes.length; k++) {
				int which = (round + k) % indexes.length;
				for (int i = round * TIMING_BLOCK; i < Math.min(lookups, (round + 1) * TIMING_BLOCK); i++) {
					String question = questions.get(i % questions.size());
					long t0 = System.nanoTime();
					float[] vector = model.embed(question);
					long t1 = System.nanoTime();
					indexes[which].nearest("bench", vector, MIN_SIMILARITY);
					long t2 = System.nanoTime();
					embed[which * lookups + i] = t1 - t0;
					lookup[which][i] = t2 - t0;
					search[which][i] = t2 - t1;
				}
			}
		}
		List<Agreement> agreements = new ArrayList<>();
		for (int f = 0; f < floors.length; f++) {
			agreements.add(new Agreement(floors[f], served[f], servedSame[f], servedOther[f], lost[f]));
		}
		return new Result(entries, lookups, percentile(embed, 50), percentile(embed, 99), timing(lookup[0], search[0]),
				timing(lookup[1], search[1]), timing(lookup[2], search[2]), comparisons, approximateComparisons, same,
				sameApproximate, probes, agreements);
	}

	private static Timing timing(long[] lookup, long[] search) {
		for (int i = 0; i < lookup.length; i++) {
			if (lookup[i] <= 0 || search[i] <= 0) {
				throw new IllegalStateException("Lookup " + i + " was not timed");
			}
		}
		return new Timing(percentile(lookup, 50), percentile(lookup, 99), percentile(search, 50),
				percentile(search, 99));
	}

	private static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
