package dev.orchestration.cache.semantic.internal;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AdaptiveThresholdsTests {

	private static final double BOUND = 0.02;

	@Test
	void aWrongHitRaisesTheScopesThresholdAboveItsSimilarityAndOnlyThatScope() {
		AdaptiveThresholds thresholds = new AdaptiveThresholds(0.95, 0.85, BOUND, 0.95);
		thresholds.wrong("a", 0.962);
		assertThat(thresholds.threshold("a")).isCloseTo(0.963, within(1e-9));
		assertThat(thresholds.threshold("b")).isEqualTo(0.95);
		thresholds.wrong("a", 0.9);
		assertThat(thresholds.threshold("a")).as("never lowered by a wrong hit").isCloseTo(0.963, within(1e-9));
	}

	@Test
	void relaxingNeedsEnoughCorrectEvidenceForTheUpperConfidenceBound() {
		AdaptiveThresholds thresholds = new AdaptiveThresholds(0.95, 0.85, BOUND, 0.95);
		for (int i = 0; i < 132; i++) {
			thresholds.correct("a", 0.92);
		}
		assertThat(thresholds.upperBound(0, 132)).isGreaterThan(BOUND);
		assertThat(thresholds.threshold("a")).as("132 correct: 95 % upper bound still above 2 %").isEqualTo(0.95);
		thresholds.correct("a", 0.92);
		assertThat(thresholds.upperBound(0, 133)).isLessThanOrEqualTo(BOUND);
		assertThat(thresholds.threshold("a")).isCloseTo(0.92, within(1e-9));
		thresholds.wrong("a", 0.921);
		assertThat(thresholds.threshold("a")).as("1 wrong in 134: upper bound 3.3 %").isCloseTo(0.922, within(1e-9));
	}

	@Test
	void theWilsonBoundMatchesItsFormula() {
		AdaptiveThresholds thresholds = new AdaptiveThresholds(0.95, 0.85, BOUND, 0.95);
		assertThat(AdaptiveThresholds.normalQuantile(0.95)).isCloseTo(1.644854, within(1e-6));
		assertThat(AdaptiveThresholds.normalQuantile(0.99)).isCloseTo(2.326348, within(1e-6));
		double z = 1.644854;
		assertThat(thresholds.upperBound(0, 100)).isCloseTo(z * z / (100 + z * z), within(1e-6));
		assertThat(thresholds.upperBound(5, 5)).isCloseTo(1.0, within(1e-9));
	}

	/**
	 * A synthetic stream with a known error rate: the nearest candidate's similarity is
	 * uniform on [0.80, 1.00) and it asks another question with probability p(s) = 0.5
	 * (0.96 - s) / 0.16 below 0.96, 0 above. Every wrong hit served is reported, a
	 * perfect gray-zone check answers candidates from 0.85 up to the threshold. Starting
	 * at a cautious 0.99, the threshold must come down (the evidence shows it may) and
	 * the served false-hit rate must stay within the bound.
	 */
	@Test
	void onAStreamWithAKnownErrorRateThresholdsRelaxOnEvidenceAndServedFalseHitsStayWithinTheBound() {
		Stream stream = run(new AdaptiveThresholds(0.99, 0.85, BOUND, 0.95), 0.85, 60_000, 7);
		assertThat(stream.finalThreshold).as("relaxed from 0.99 on gray-zone evidence").isLessThan(0.97);
		assertThat(stream.finalThreshold).as("never where the true error rate above it exceeds the bound")
			.isGreaterThanOrEqualTo(trueBoundThreshold());
		assertThat(stream.falseHitRate()).isLessThanOrEqualTo(BOUND);
		assertThat(stream.served).isGreaterThan(10_000);
	}

	/**
	 * Started too low (0.88: about 9 % of its hits would be wrong) and without a gray
	 * zone, the threshold tightens with each reported wrong hit and the served false-hit
	 * rate ends within the bound.
	 */
	@Test
	void startedTooLowThresholdsTightenAfterWrongHitsAndTheServedFalseHitRateFallsWithinTheBound() {
		AdaptiveThresholds thresholds = new AdaptiveThresholds(0.88, 0.85, BOUND, 0.95);
		Stream stream = run(thresholds, null, 60_000, 11);
		assertThat(stream.firstWrongAt).isPositive();
		assertThat(stream.thresholdAfterFirstWrong).isGreaterThan(0.88);
		assertThat(stream.finalThreshold).isGreaterThanOrEqualTo(trueBoundThreshold());
		assertThat(stream.falseHitRate()).isLessThanOrEqualTo(BOUND);
	}

	@Test
	void anOracleThatIsWrongTenPercentOfTheTimeStillKeepsUncheckedHitsWithinTheBound() {
		Stream stream = run(new AdaptiveThresholds(0.99, 0.85, BOUND, 0.95), 0.85, 60_000, 13, 0.10);
		assertThat(stream.uncheckedFalseHitRate()).isLessThanOrEqualTo(BOUND);
		assertThat(stream.finalThreshold).isGreaterThanOrEqualTo(trueBoundThreshold());
	}

	/**
	 * p(s), the known probability that a candidate at similarity s asks another question.
	 */
	static double wrongProbability(double s) {
		return (s >= 0.96) ? 0 : 0.5 * (0.96 - s) / 0.16;
	}

	/**
	 * The lowest threshold t at which the true error rate of candidates at or above t is
	 * at most the bound: the mean of p over [t, 1) = 0.5 (0.96 - t)^2 / (2 * 0.16 (1 -
	 * t)) <= 0.02.
	 */
	static double trueBoundThreshold() {
		double t = 1.0;
		for (int i = 1000; i >= 800; i--) {
			double g = i / 1000.0;
			double mean = (g >= 0.96) ? 0 : 0.5 * (0.96 - g) * (0.96 - g) / (2 * 0.16) / (1 - g);
			if (mean <= BOUND) {
				t = g;
			}
			else {
				break;
			}
		}
		return t;
	}

	private static Stream run(AdaptiveThresholds thresholds, Double grayLower, int lookups, long seed) {
		return run(thresholds, grayLower, lookups, seed, 0.0);
	}

	private static Stream run(AdaptiveThresholds thresholds, Double grayLower, int lookups, long seed,
			double oracleError) {
		Random random = new Random(seed);
		Stream stream = new Stream();
		for (int i = 0; i < lookups; i++) {
			double s = 0.80 + 0.20 * random.nextDouble();
			boolean wrong = random.nextDouble() < wrongProbability(s);
			double threshold = thresholds.threshold("scope");
			if (s >= threshold) {
				stream.served++;
				stream.unchecked++;
				if (wrong) {
					stream.falseHits++;
					stream.uncheckedFalseHits++;
					thresholds.wrong("scope", s);
					if (stream.firstWrongAt == 0) {
						stream.firstWrongAt = i + 1;
						stream.thresholdAfterFirstWrong = thresholds.threshold("scope");
					}
				}
			}
			else if (grayLower != null && s >= grayLower) {
				boolean saysSame = (random.nextDouble() < oracleError) ? wrong : !wrong;
				if (saysSame) {
					thresholds.correct("scope", s);
					stream.served++;
					if (wrong) {
						stream.falseHits++;
					}
				}
				else {
					thresholds.wrong("scope", s);
				}
			}
		}
		stream.finalThreshold = thresholds.threshold("scope");
		return stream;
	}

	private static final class Stream {

		long served;

		long falseHits;

		long unchecked;

		long uncheckedFalseHits;

		int firstWrongAt;

		double thresholdAfterFirstWrong;

		double finalThreshold;

		double falseHitRate() {
			return (this.served == 0) ? 0 : (double) this.falseHits / this.served;
		}

		double uncheckedFalseHitRate() {
			return (this.unchecked == 0) ? 0 : (double) this.uncheckedFalseHits / this.unchecked;
		}

	}

}
