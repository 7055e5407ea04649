package dev.orchestration.test.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouteLlmMetricsTests {

	/**
	 * 10 items, the strong model always right, the weak one wrong on items 0 and 1: weak
	 * 0.8, strong 1.0.
	 */
	private static final double[] STRONG = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	private static final double[] WEAK = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };

	@Test
	void strongOnlyIsOneWeakOnlyIsZero() {
		RouteLlmMetrics.Curve strongOnly = new RouteLlmMetrics.Curve("strong-only",
				List.of(new RouteLlmMetrics.Point(0, 0, 1.0), new RouteLlmMetrics.Point(1, 1, 1.0)), 0.8, 1.0);
		RouteLlmMetrics.Curve weakOnly = new RouteLlmMetrics.Curve("weak-only",
				List.of(new RouteLlmMetrics.Point(0, 0, 0.8), new RouteLlmMetrics.Point(1, 1, 0.8)), 0.8, 1.0);
		assertThat(strongOnly.apgr()).isEqualTo(1.0);
		assertThat(weakOnly.apgr()).isEqualTo(0.0);
		assertThat(strongOnly.cpt(0.5)).isZero();
		assertThat(weakOnly.cpt(0.5)).isNaN();
	}

	@Test
	void perfectRouterOnToyDataHasKnownCptAndApgr() {
		double[] oracle = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
		RouteLlmMetrics.Curve curve = RouteLlmMetrics.fullCurve("oracle", STRONG, WEAK, oracle);
		assertThat(curve.points()).extracting(RouteLlmMetrics.Point::strongShare).containsExactly(0.0, 0.2, 1.0);
		assertThat(curve.points()).extracting(RouteLlmMetrics.Point::quality).containsExactly(0.8, 1.0, 1.0);
		// AUC = 0.2 * 0.9 + 0.8 * 1.0 = 0.98; (0.98 - 0.8) / (1.0 - 0.8) = 0.9
		assertThat(curve.apgr()).isCloseTo(0.9, within(1e-12));
		assertThat(curve.cpt(0.5)).isCloseTo(0.1, within(1e-12));
		assertThat(curve.cpt(0.8)).isCloseTo(0.16, within(1e-12));
		assertThat(curve.pgr(0.9)).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void worstRouterSpendsEverythingBeforeRecoveringTheGap() {
		double[] backwards = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };
		RouteLlmMetrics.Curve curve = RouteLlmMetrics.fullCurve("backwards", STRONG, WEAK, backwards);
		// (0, .8), (.8, .8), (1, 1): AUC = .64 + .2 * .9 = .82 -> APGR 0.1
		assertThat(curve.apgr()).isCloseTo(0.1, within(1e-12));
		assertThat(curve.cpt(0.5)).isCloseTo(0.9, within(1e-12));
	}

	@Test
	void quantileSweepFollowsRouteLlm() {
		double[] scores = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
		double[] strong = new double[11];
		double[] weak = new double[11];
		Arrays.fill(strong, 1);
		List<RouteLlmMetrics.Threshold> thresholds = RouteLlmMetrics.quantileThresholds(scores, 10);
		assertThat(thresholds).extracting(RouteLlmMetrics.Threshold::value)
			.containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);
		assertThat(thresholds.get(10).strict()).isTrue();
		RouteLlmMetrics.Curve curve = RouteLlmMetrics.quantileCurve("linear", strong, weak, scores, 10);
		assertThat(curve.points().get(0).strongShare()).isZero();
		assertThat(curve.points().get(10).strongShare()).isEqualTo(1.0);
		// quality equals the share of strong calls here: the curve is the diagonal, APGR
		// 0.5
		assertThat(curve.apgr()).isCloseTo(0.5, within(1e-12));
		assertThat(curve.cpt(0.5)).isCloseTo(0.5, within(1e-12));
		assertThat(RouteLlmMetrics.quantile(new double[] { 0, 10 }, 0.25)).isEqualTo(2.5);
	}

	@Test
	void randomRoutingIsAboutHalf() {
		Random random = new Random(3);
		int n = 500;
		double[] strong = new double[n];
		double[] weak = new double[n];
		for (int i = 0; i < n; i++) {
			strong[i] = random.nextDouble() < 0.85 ? 1 : 0;
			weak[i] = random.nextDouble() < 0.6 ? 1 : 0;
		}
		double sum = 0;
		for (int s = 0; s < 200; s++) {
			sum += RouteLlmMetrics.quantileCurve("random", strong, weak, RouteLlmMetrics.randomScores(n, s), 10).apgr();
		}
		assertThat(sum / 200).isCloseTo(0.5, within(0.02));
		assertThat(
				RouteLlmMetrics.quantileCurve("random", strong, weak, RouteLlmMetrics.randomScores(n, 99), 10).apgr())
			.isCloseTo(0.5, within(0.12));
		double oracle = RouteLlmMetrics
			.quantileCurve("oracle", strong, weak, RouteLlmMetrics.oracleScores(strong, weak, 1), 10)
			.apgr();
		assertThat(oracle).isGreaterThan(0.9);
	}

	@Test
	void decisionsGiveOnePointEach() {
		boolean[] none = new boolean[10];
		boolean[] firstTwo = { true, true, false, false, false, false, false, false, false, false };
		boolean[] all = new boolean[10];
		Arrays.fill(all, true);
		RouteLlmMetrics.Curve curve = RouteLlmMetrics.fromDecisions("router", STRONG, WEAK,
				List.of(all, firstTwo, none));
		assertThat(curve.apgr()).isCloseTo(0.9, within(1e-12));
	}

	@Test
	void aiqIsTheAreaUnderTheNonDecreasingConvexHull() {
		assertThat(RouteLlmMetrics.aiq(new double[] { 0, 1 }, new double[] { 0.5, 1.0 })).isCloseTo(0.75,
				within(1e-12));
		// an interior point above the chord lifts the hull: .5 * (.5 + .9) / 2 + .5 * (.9
		// + 1) / 2 = .825
		assertThat(RouteLlmMetrics.aiq(new double[] { 0, 0.5, 1 }, new double[] { 0.5, 0.9, 1.0 })).isCloseTo(0.825,
				within(1e-12));
		// a point under the chord does not count
		assertThat(RouteLlmMetrics.aiq(new double[] { 0, 0.5, 1 }, new double[] { 0.5, 0.6, 1.0 })).isCloseTo(0.75,
				within(1e-12));
		// non-decreasing: a more expensive, worse point is ignored and the best quality
		// extends to the right
		assertThat(RouteLlmMetrics.aiq(new double[] { 0, 0.5, 1 }, new double[] { 0.5, 1.0, 0.7 }))
			.isCloseTo(0.5 * 0.75 + 0.5, within(1e-12));
		// cost normalised to [0, 1]: scaling costs does not change AIQ
		assertThat(RouteLlmMetrics.aiq(new double[] { 10, 15, 20 }, new double[] { 0.5, 0.9, 1.0 })).isCloseTo(0.825,
				within(1e-12));
	}

	@Test
	void embeddingKnnScoresFromOtherFoldsOnly() {
		// two clusters of prompts; the strong model only helps in cluster "b"
		List<String> prompts = List.of("a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4");
		double[] strong = { 1, 1, 1, 1, 1, 1, 1, 1 };
		double[] weak = { 1, 1, 1, 1, 0, 0, 0, 0 };
		double[] scores = BaselineRouters.embeddingKnn(prompts, strong, weak,
				(texts) -> texts.stream()
					.map((t) -> t.startsWith("a") ? new float[] { 1, 0 } : new float[] { 0, 1 })
					.toList(),
				2, 4, 1);
		for (int i = 0; i < 4; i++) {
			assertThat(scores[i]).isLessThan(scores[4 + i]);
		}
		int[] folds = BaselineRouters.foldAssignment(8, 4, 1);
		assertThat(Arrays.stream(folds).distinct().count()).isEqualTo(4);
		assertThat(BaselineRouters.promptLength(List.of("ab", "abcd"))).containsExactly(2, 4);
	}

}
