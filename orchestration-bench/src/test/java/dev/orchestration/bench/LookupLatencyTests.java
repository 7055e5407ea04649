package dev.orchestration.bench;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.embedding.BuiltInEmbeddingModel;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency harness on a scope large enough for both the pruned and the approximate
 * search (the real all-MiniLM-L6-v2 model embeds every question): what it reports must be
 * internally consistent, since its figures are quoted against the target. No
 * timing is asserted.
 */
class LookupLatencyTests {

	@Test
	void agreementAndTimingCoverEveryLookupOnEachIndex() {
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(BuiltInEmbeddingModel.ALL_MINILM_L6_V2);
		List<String> questions = new ArrayList<>();
		List<float[]> vectors = new ArrayList<>();
		String[] subjects = { "a cat", "the weather", "taxes", "Python", "a bicycle", "the moon", "coffee", "chess" };
		String[] asks = { "How do I learn about %s?", "What is the best book on %s?", "Why do people like %s?",
				"Where can I read about %s?", "What should I know about %s?" };
		for (String subject : subjects) {
			for (String ask : asks) {
				String question = String.format(ask, subject);
				questions.add(question);
				vectors.add(model.embed(question));
			}
		}

		// 5,000 entries: above the approximate search's 4,096 and the pruned search's
		// 1,024
		LookupLatency.Result result = LookupLatency.measure(model, vectors, questions, 5_000, 250, 4, 0.95);

		assertThat(result.entries()).isEqualTo(5_000);
		assertThat(result.lookups()).isEqualTo(250);
		// the pruned search is exact: every lookup agrees with the full scan
		assertThat(result.sameMatch()).isEqualTo(250);
		assertThat(result.approximateSameMatch()).isEqualTo(250);
		assertThat(result.comparisonsPerLookup()).isPositive().isLessThan(5_000);
		assertThat(result.approximateComparisonsPerLookup()).isPositive().isLessThan(5_000);
		// every question is itself an entry (similarity 1), so every floor is reached by
		// all 250 lookups, and the nearest centroid's cluster holds the question's own
		// entry
		for (LookupLatency.Agreement agreement : result.approximateAgreement()) {
			assertThat(agreement.servedByFullScan()).isEqualTo(250);
			assertThat(agreement.servedSame()).isEqualTo(250);
		}
		assertThat(result.embedP50Millis()).isPositive().isLessThanOrEqualTo(result.embedP99Millis());
		for (LookupLatency.Timing timing : List.of(result.fullScan(), result.pruned(), result.approximate())) {
			// a lookup is its embedding plus its search, timed on the same index
			assertThat(timing.searchP50Millis()).isPositive().isLessThan(timing.p50Millis());
			assertThat(timing.searchP99Millis()).isLessThan(timing.p99Millis());
			assertThat(timing.p50Millis()).isLessThanOrEqualTo(timing.p99Millis());
		}
	}

}
