package dev.orchestration.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.embedding.OnnxEmbeddingModel;

/**
 * Latency of one semantic lookup as a request pays it: embed the question, then search
 * one scope of {@code entries} vectors, on the calling thread, one lookup at a time. The
 * index holds the data's cached vectors, filled up to {@code entries} with random unit
 * vectors (the scan costs the same whatever the vectors are).
 */
final class LookupLatency {

	private LookupLatency() {
	}

	record Result(int entries, int lookups, double p50Millis, double p99Millis, double embedP50Millis,
			double embedP99Millis, double searchP50Millis, double searchP99Millis) {
	}

	static Result measure(OnnxEmbeddingModel model, List<float[]> vectors, List<String> questions, int entries,
			int lookups) {
		InMemorySemanticIndex index = new InMemorySemanticIndex(entries);
		Instant expiresAt = Instant.now().plusSeconds(3600);
		Random random = new Random(1);
		for (int e = 0; e < entries; e++) {
			float[] vector;
			if (e < vectors.size()) {
				vector = vectors.get(e);
			}
			else {
				vector = new float[vectors.get(0).length];
				for (int d = 0; d < vector.length; d++) {
					vector[d] = (float) random.nextGaussian();
				}
			}
			index.add("bench", Integer.toString(e), vector, expiresAt);
		}
		for (int i = 0; i < 50; i++) {
			index.nearest("bench", model.embed(questions.get(i % questions.size())), 0.5);
		}
		long[] total = new long[lookups];
		long[] embed = new long[lookups];
		long[] search = new long[lookups];
		for (int i = 0; i < lookups; i++) {
			String question = questions.get(i % questions.size());
			long start = System.nanoTime();
			float[] vector = model.embed(question);
			long embedded = System.nanoTime();
			index.nearest("bench", vector, 0.5);
			long end = System.nanoTime();
			total[i] = end - start;
			embed[i] = embedded - start;
			search[i] = end - embedded;
		}
		return new Result(entries, lookups, percentile(total, 50), percentile(total, 99), percentile(embed, 50),
				percentile(embed, 99), percentile(search, 50), percentile(search, 99));
	}

	private static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
