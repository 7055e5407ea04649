package dev.orchestration.bench;

import java.time.Instant;
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
 * two indexes holding the same vectors side by side: the full scan (every entry's dot
 * product, the index before issue 13's latency work) and {@link InMemorySemanticIndex}'s
 * pruned search. Every lookup goes to both (in alternating order) and their answers are
 * compared.
 * <p>
 * The indexes hold the data's cached vectors, filled up to {@code entries} with synthetic
 * vectors that lie where real questions do: each is a random data vector plus Gaussian
 * noise of norm {@value #FILLER_NOISE} (cosine ~0.93 to it, about the data's median
 * nearest-neighbour similarity). Random unit vectors would be nearly orthogonal to every
 * query and make any pruning look perfect.
 */
final class LookupLatency {

	static final double FILLER_NOISE = 0.4;

	/**
	 * Below what the cache asks for (at least the threshold minus 0.05, or the gray
	 * zone's floor).
	 */
	static final double MIN_SIMILARITY = 0.5;

	private LookupLatency() {
	}

	record Timing(double p50Millis, double p99Millis, double searchP50Millis, double searchP99Millis) {
	}

	record Result(int entries, int lookups, double embedP50Millis, double embedP99Millis, Timing fullScan,
			Timing pruned, double comparisonsPerLookup, int sameMatch) {
	}

	static Result measure(OnnxEmbeddingModel model, List<float[]> vectors, List<String> questions, int entries,
			int lookups) {
		InMemorySemanticIndex full = InMemorySemanticIndex.fullScan(entries);
		InMemorySemanticIndex pruned = new InMemorySemanticIndex(entries);
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
			full.add("bench", Integer.toString(e), vector, expiresAt);
			pruned.add("bench", Integer.toString(e), vector, expiresAt);
		}
		for (int i = 0; i < 50; i++) {
			float[] vector = model.embed(questions.get(i % questions.size()));
			full.nearest("bench", vector, MIN_SIMILARITY);
			pruned.nearest("bench", vector, MIN_SIMILARITY);
		}
		long comparisonsBefore = pruned.exactComparisons();
		long[] embed = new long[lookups];
		long[] searchFull = new long[lookups];
		long[] searchPruned = new long[lookups];
		int same = 0;
		for (int i = 0; i < lookups; i++) {
			String question = questions.get(i % questions.size());
			long start = System.nanoTime();
			float[] vector = model.embed(question);
			embed[i] = System.nanoTime() - start;
			Optional<SemanticMatch> a;
			Optional<SemanticMatch> b;
			if (i % 2 == 0) {
				long t0 = System.nanoTime();
				a = full.nearest("bench", vector, MIN_SIMILARITY);
				long t1 = System.nanoTime();
				b = pruned.nearest("bench", vector, MIN_SIMILARITY);
				long t2 = System.nanoTime();
				searchFull[i] = t1 - t0;
				searchPruned[i] = t2 - t1;
			}
			else {
				long t0 = System.nanoTime();
				b = pruned.nearest("bench", vector, MIN_SIMILARITY);
				long t1 = System.nanoTime();
				a = full.nearest("bench", vector, MIN_SIMILARITY);
				long t2 = System.nanoTime();
				searchPruned[i] = t1 - t0;
				searchFull[i] = t2 - t1;
			}
			if (Objects.equals(a, b)) {
				same++;
			}
		}
		double comparisons = (pruned.exactComparisons() - comparisonsBefore) / (double) lookups;
		return new Result(entries, lookups, percentile(embed, 50), percentile(embed, 99), timing(embed, searchFull),
				timing(embed, searchPruned), comparisons, same);
	}

	private static Timing timing(long[] embed, long[] search) {
		long[] total = new long[embed.length];
		for (int i = 0; i < total.length; i++) {
			total[i] = embed[i] + search[i];
		}
		return new Timing(percentile(total, 50), percentile(total, 99), percentile(search, 50), percentile(search, 99));
	}

	private static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
