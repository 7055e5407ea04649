package dev.orchestration.bench;

import java.util.Random;

import dev.orchestration.cache.semantic.internal.AdaptiveThresholds;
import dev.orchestration.cache.semantic.internal.SimilarityThresholds;

/**
 * Replays the lookups of a {@link CacheEvaluation} (in a fixed shuffled order, one scope)
 * through a threshold policy and an optional gray zone with a stand-in oracle: the data
 * set's labels, flipped with a given probability. The labels stand in for the cheap
 * tier's yes/no answer because the bench has no model to ask; a real tier's error rate is
 * unknown, hence the 0 %, 5 % and 10 % oracles. Wrong hits served above the threshold are
 * reported back ({@code reportWrongHit}) with probability {@code reportRate}.
 */
final class PolicySimulation {

	private PolicySimulation() {
	}

	record Result(String policy, long lookups, long sameMeaning, long hits, long falseHits, long correctOnSameMeaning,
			long checks, long grayHits, double finalThreshold) {

		double hitRate() {
			return (this.sameMeaning == 0) ? 0 : (double) this.correctOnSameMeaning / this.sameMeaning;
		}

		double falseHitRate() {
			return (this.hits == 0) ? 0 : (double) this.falseHits / this.hits;
		}

	}

	/**
	 * Runs one policy.
	 * @param name the policy's name in the report
	 * @param evaluation the lookups
	 * @param thresholds the thresholds (fixed or adaptive)
	 * @param grayLower the gray zone's lower bound, or a number above 1 for none
	 * @param oracleError the probability that the stand-in oracle answers wrongly
	 * @param reportRate the probability that a served wrong hit is reported
	 * @param seed the seed of the order and of the oracle's errors
	 */
	static Result run(String name, CacheEvaluation evaluation, SimilarityThresholds thresholds, double grayLower,
			double oracleError, double reportRate, long seed) {
		int n = evaluation.lookups();
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Random random = new Random(seed);
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		long sameMeaning = 0;
		long hits = 0;
		long falseHits = 0;
		long correctOnSame = 0;
		long checks = 0;
		long grayHits = 0;
		for (int i : order) {
			if (evaluation.sameMeaning(i)) {
				sameMeaning++;
			}
			double s = evaluation.similarity(i);
			boolean correct = evaluation.correct(i);
			double threshold = thresholds.threshold(CacheEvaluation.SCOPE);
			boolean served;
			if (s >= threshold) {
				served = true;
				if (!correct && random.nextDouble() < reportRate) {
					thresholds.wrong(CacheEvaluation.SCOPE, s);
				}
			}
			else if (s >= grayLower) {
				checks++;
				boolean saysSame = (random.nextDouble() < oracleError) != correct;
				if (saysSame) {
					thresholds.correct(CacheEvaluation.SCOPE, s);
				}
				else {
					thresholds.wrong(CacheEvaluation.SCOPE, s);
				}
				served = saysSame;
				if (served) {
					grayHits++;
				}
			}
			else {
				served = false;
			}
			if (served) {
				hits++;
				if (correct) {
					if (evaluation.sameMeaning(i)) {
						correctOnSame++;
					}
				}
				else {
					falseHits++;
				}
			}
		}
		return new Result(name, n, sameMeaning, hits, falseHits, correctOnSame, checks, grayHits,
				thresholds.threshold(CacheEvaluation.SCOPE));
	}

	static SimilarityThresholds adaptive(double initial, double floor, double bound) {
		return new AdaptiveThresholds(initial, floor, bound, 0.95, 0.001, 20_000, 10);
	}

}
