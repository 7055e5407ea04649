package dev.orchestration.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.orchestration.cache.semantic.CandidateVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hit and false-hit counting on a tiny hand-made data set with hand-made vectors.
 */
class CacheEvaluationTests {

	// unit vectors in 3-D; cos(a, b) is given in the comments
	private static final Map<String, float[]> VECTORS = Map.ofEntries(
			// pair 0, same meaning: query close to its own partner (cos 0.98)
			Map.entry("cached-0", v(1, 0, 0)), Map.entry("query-0", v(0.98f, 0.199f, 0)),
			// pair 1, same meaning: query closest to ANOTHER pair's entry (cached-0, cos
			// 0.95) -> false hit
			Map.entry("cached-1", v(0, 1, 0)), Map.entry("query-1", v(0.95f, 0, 0.312f)),
			// pair 2, labelled different: query very close to its partner (cos 0.97) ->
			// false hit
			Map.entry("cached-2", v(0, 0, 1)), Map.entry("query-2", v(0, 0.243f, 0.97f)),
			// pair 3, labelled different, but the query is identical to pair 1's cached
			// text -> correct hit
			Map.entry("cached-3", v(0.6f, 0.8f, 0)),
			// pair 4, same meaning, far from everything at 0.9 -> miss at 0.9, correct
			// hit at 0.5
			Map.entry("cached-4", v(-1, 0, 0)), Map.entry("query-4", v(-0.6f, 0, -0.8f)));

	private static final List<LabelledPair> PAIRS = List.of(new LabelledPair("cached-0", "query-0", true),
			new LabelledPair("cached-1", "query-1", true), new LabelledPair("cached-2", "query-2", false),
			new LabelledPair("cached-3", "cached-1", false), new LabelledPair("cached-4", "query-4", true),
			// a repeated cached text is stored once; its pair's hit on it is correct
			new LabelledPair("cached-0", "query-0", true));

	@Test
	void countsHitsAgainstEveryEntryOfTheSharedScope() {
		AtomicInteger calls = new AtomicInteger();
		CacheEvaluation evaluation = CacheEvaluation.run(PAIRS, (texts) -> {
			calls.incrementAndGet();
			assertThat(texts.size()).isLessThanOrEqualTo(2);
			List<float[]> out = new ArrayList<>();
			texts.forEach((text) -> out.add(VECTORS.get(text)));
			return out;
		}, 2);
		assertThat(evaluation.entries()).isEqualTo(5);
		assertThat(evaluation.sameMeaningPairs()).isEqualTo(4);
		assertThat(calls.get()).isEqualTo(3 + 3);

		CacheEvaluation.Counts strict = evaluation.count(0.9);
		// hits: pair 0 (correct), pair 1 (false: other entry), pair 2 (false: label 0),
		// pair 3 (identical), pair 5
		assertThat(strict.hits()).isEqualTo(5);
		assertThat(strict.correctHits()).isEqualTo(3);
		assertThat(strict.falseHits()).isEqualTo(2);
		assertThat(strict.strictFalseHits()).isEqualTo(2);
		assertThat(strict.correctHitsOnSameMeaning()).isEqualTo(2);
		assertThat(strict.hitRate()).isCloseTo(2.0 / 4, within(1e-9));
		assertThat(strict.falseHitRate()).isCloseTo(2.0 / 5, within(1e-9));
		assertThat(CacheBenchCommand.line(strict))
			.isEqualTo("threshold=0.9 hit_rate=0.5000 false_hit_rate=0.4000 pairs=6");

		// optimistic bound: only pair 2 (its own partner, labelled different) is judged
		// false; pair 1's hit on another pair's text was never judged, so it counts
		assertThat(strict.judgedFalseHits()).isEqualTo(1);
		assertThat(strict.optimisticHitsOnSameMeaning()).isEqualTo(3);
		assertThat(strict.optimisticHitRate()).isCloseTo(3.0 / 4, within(1e-9));
		assertThat(strict.judgedFalseHitRate()).isCloseTo(1.0 / 5, within(1e-9));

		CacheEvaluation.Counts loose = evaluation.count(0.5);
		assertThat(loose.hits()).isEqualTo(6);
		assertThat(loose.correctHitsOnSameMeaning()).isEqualTo(3);

		CacheEvaluation.Counts strictest = evaluation.count(0.99);
		assertThat(strictest.hits()).isEqualTo(1);
		assertThat(strictest.falseHitRate()).isZero();
	}

	@Test
	void verifierRejectionsBecomeMisses() {
		CacheEvaluation evaluation = CacheEvaluation.run(PAIRS, (texts) -> texts.stream().map(VECTORS::get).toList(),
				10);
		CacheEvaluation.Counts verified = evaluation.count(0.9,
				(cached, query, similarity) -> !query.equals("query-1") && !query.equals("query-2"));
		assertThat(verified.rejected()).isEqualTo(2);
		assertThat(verified.hits()).isEqualTo(3);
		assertThat(verified.falseHits()).isZero();
		assertThat(verified.hitRate()).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void curveCoversSeventyToNinetyNineHundredths() {
		assertThat(CacheBenchCommand.thresholds()).hasSize(39)
			.startsWith(0.7)
			.endsWith(0.999)
			.contains(0.85, 0.99, 0.993);
		assertThat(CacheBenchCommand.format(0.9)).isEqualTo("0.9");
		assertThat(CacheBenchCommand.format(0.87)).isEqualTo("0.87");
	}

	@Test
	void sameQuestionsPerTheDataSetCountAsCorrectOnlyInTheMainRule() {
		Map<String, float[]> vectors = Map.of("How do I cook rice?", v(1, 0, 0), "Best way to cook rice?", v(0, 1, 0),
				"What is the best way to cook rice", v(0.99f, 0.141f, 0), "Where is Paris?", v(0, 0, 1),
				"WHERE is Paris", v(0.1f, 0, 0.995f));
		List<LabelledPair> pairs = List.of(new LabelledPair("How do I cook rice?", "Best way to cook rice?", true),
				// matches pair 0's cached text: linked via "Best way to cook rice?" ->
				// correct, strictly false
				new LabelledPair("Best way to cook rice?", "What is the best way to cook rice", true),
				// matches "Where is Paris?" (its own partner, label 0) -> false even
				// though identical up to case
				new LabelledPair("Where is Paris?", "WHERE is Paris", false));
		CacheEvaluation evaluation = CacheEvaluation.run(pairs, (texts) -> texts.stream().map(vectors::get).toList(),
				8);
		CacheEvaluation.Counts counts = evaluation.count(0.9);
		// pair 0's query is the very text pair 1 cached: correct under both rules
		assertThat(counts.hits()).isEqualTo(3);
		assertThat(counts.correctHits()).isEqualTo(2);
		assertThat(counts.falseHits()).isEqualTo(1);
		assertThat(counts.strictFalseHits()).isEqualTo(2);
		assertThat(counts.hitRate()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void optimisticBoundCountsAsFalseOnlyWhatTheDataJudgedDifferent() {
		Map<String, float[]> vectors = Map.of("Cats?", v(1, 0, 0), "Dogs?", v(0.875f, 0.484f, 0), "Birds?", v(0, 0, 1),
				"Fish?", v(0, 1, 0), "Salmon?", v(0, 0.348f, 0.9375f));
		List<LabelledPair> pairs = List.of(new LabelledPair("Cats?", "Dogs?", false),
				// the same query text in a same-meaning pair: its hit on "Cats?" is still
				// judged false, by pair 0's label
				new LabelledPair("Birds?", "Dogs?", true),
				// nearest entry "Birds?", never compared with "Salmon?": false under the
				// main rule, correct under the optimistic bound
				new LabelledPair("Fish?", "Salmon?", true));
		CacheEvaluation evaluation = CacheEvaluation.run(pairs, (texts) -> texts.stream().map(vectors::get).toList(),
				8);
		CacheEvaluation.Counts counts = evaluation.count(0.85);
		assertThat(counts.hits()).isEqualTo(3);
		assertThat(counts.falseHits()).isEqualTo(3);
		assertThat(counts.hitRate()).isZero();
		assertThat(counts.judgedFalseHits()).isEqualTo(2);
		assertThat(counts.optimisticHitRate()).isCloseTo(0.5, within(1e-9));
		assertThat(counts.judgedFalseHitRate()).isCloseTo(2.0 / 3, within(1e-9));
		// at the bound of 0.5 the main rule's point serves nothing, the optimistic one
		// serves the unjudged hit alone
		assertThat(CacheBenchCommand.atBound(evaluation, 0.5).hits()).isZero();
		CacheEvaluation.Counts optimistic = CacheBenchCommand.atBound(evaluation, 0.5, CandidateVerifier.ACCEPT_ALL,
				CacheEvaluation.Counts::judgedFalseHitRate);
		assertThat(optimistic.threshold()).isEqualTo(0.876);
		assertThat(optimistic.hits()).isEqualTo(1);
		assertThat(optimistic.optimisticHitRate()).isCloseTo(0.5, within(1e-9));
		// a verifier that rejects the judged candidates lets the optimistic point go down
		CacheEvaluation.Counts verified = CacheBenchCommand.atBound(evaluation, 0.5,
				(cached, query, similarity) -> !query.equals("Dogs?"), CacheEvaluation.Counts::judgedFalseHitRate);
		assertThat(verified.threshold()).isEqualTo(0.5);
		assertThat(verified.judgedFalseHits()).isZero();
	}

	private static float[] v(float... values) {
		return values;
	}

}
