package dev.orchestration.test.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Simple, honest router scores to exercise {@link RouteLlmMetrics} on real data (higher
 * score = send to the strong model).
 * <ul>
 * <li>{@link #promptLength(List)}: the prompt's length in characters; needs no
 * training.</li>
 * <li>{@link #embeddingKnn}: similarity-weighted mean quality gap (strong - weak) of the
 * k most similar training prompts, with k-fold cross-fitting: every item is scored only
 * from the other folds, so no item sees its own label and every item gets a held-out
 * score.</li>
 * </ul>
 */
public final class BaselineRouters {

	private BaselineRouters() {
	}

	public static double[] promptLength(List<String> prompts) {
		return prompts.stream().mapToDouble(String::length).toArray();
	}

	/**
	 * k-nearest-neighbour scores with cross-fitting.
	 * @param prompts the prompts
	 * @param strong per-item strong quality
	 * @param weak per-item weak quality
	 * @param embed embeds a batch of texts into L2-normalised vectors (for example
	 * {@code dev.orchestration.embedding.internal.OnnxEmbeddingModel::embed})
	 * @param k neighbours
	 * @param folds number of folds (items are assigned to folds by a seeded shuffle)
	 * @param seed shuffle seed
	 * @return per-item held-out scores
	 */
	public static double[] embeddingKnn(List<String> prompts, double[] strong, double[] weak,
			Function<List<String>, List<float[]>> embed, int k, int folds, long seed) {
		int n = prompts.size();
		List<float[]> vectors = embed.apply(prompts);
		if (vectors.size() != n) {
			throw new IllegalStateException("embedded " + vectors.size() + " of " + n + " prompts");
		}
		int[] fold = foldAssignment(n, folds, seed);
		double[] scores = new double[n];
		for (int i = 0; i < n; i++) {
			int kk = Math.min(k, n);
			int[] best = new int[kk];
			double[] bestSim = new double[kk];
			int count = 0;
			for (int j = 0; j < n; j++) {
				if (fold[j] == fold[i]) {
					continue;
				}
				double sim = dot(vectors.get(i), vectors.get(j));
				if (count < kk) {
					best[count] = j;
					bestSim[count++] = sim;
				}
				else {
					int worst = 0;
					for (int m = 1; m < kk; m++) {
						if (bestSim[m] < bestSim[worst]) {
							worst = m;
						}
					}
					if (sim > bestSim[worst]) {
						best[worst] = j;
						bestSim[worst] = sim;
					}
				}
			}
			double num = 0;
			double den = 0;
			for (int m = 0; m < count; m++) {
				double w = Math.max(1e-6, bestSim[m]);
				num += w * (strong[best[m]] - weak[best[m]]);
				den += w;
			}
			scores[i] = (den > 0) ? num / den : 0;
		}
		return scores;
	}

	/** Fold of each item: a seeded shuffle dealt round-robin into {@code folds} folds. */
	public static int[] foldAssignment(int n, int folds, long seed) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			order.add(i);
		}
		Collections.shuffle(order, new Random(seed));
		int[] fold = new int[n];
		for (int r = 0; r < n; r++) {
			fold[order.get(r)] = r % folds;
		}
		return fold;
	}

	static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

}
