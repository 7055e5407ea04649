package dev.orchestration.cache.semantic.internal;

import java.util.Arrays;
import java.util.Random;

import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import org.jspecify.annotations.Nullable;

/**
 * Unit-length centroids of a sample of unit vectors (spherical k-means from a fixed
 * seed), used by {@link InMemorySemanticIndex}'s approximate search as an inverted file:
 * each entry belongs to its nearest centroid, and a lookup scans only the entries of the
 * few centroids nearest to the query.
 * <p>
 * Unlike the {@link ProjectionBasis} bound, this can miss: the best entry may sit in a
 * cluster that was not probed. For a cache a miss only costs a model call, never a wrong
 * answer, since whatever the search returns carries its true similarity and the cache
 * compares that with its threshold.
 */
public final class ClusterCentroids {

	private static final int ITERATIONS = 6;

	private final int dimensions;

	private final int count;

	/** {@code count} unit rows of {@code dimensions}, row-major. */
	private final float[] centroids;

	private ClusterCentroids(int dimensions, int count, float[] centroids) {
		this.dimensions = dimensions;
		this.count = count;
		this.centroids = centroids;
	}

	public int dimensions() {
		return this.dimensions;
	}

	public int count() {
		return this.count;
	}

	/**
	 * Returns the cluster of a unit vector: the centroid with the highest dot product.
	 * @param vector a unit vector of {@link #dimensions()}
	 * @return the index of its nearest centroid
	 */
	public int nearest(float[] vector) {
		int best = 0;
		float bestDot = Float.NEGATIVE_INFINITY;
		for (int c = 0; c < this.count; c++) {
			float dot = VectorMath.dot(vector, 0, this.centroids, c * this.dimensions, this.dimensions);
			if (dot > bestDot) {
				bestDot = dot;
				best = c;
			}
		}
		return best;
	}

	/**
	 * Marks the {@code probes} clusters nearest to a query.
	 * @param query a unit vector of {@link #dimensions()}
	 * @param probes how many clusters to mark (at most {@link #count()})
	 * @return one flag per cluster, set for the probed ones
	 */
	public boolean[] probe(float[] query, int probes) {
		float[] dots = new float[this.count];
		for (int c = 0; c < this.count; c++) {
			dots[c] = VectorMath.dot(query, 0, this.centroids, c * this.dimensions, this.dimensions);
		}
		boolean[] probed = new boolean[this.count];
		int n = Math.min(probes, this.count);
		for (int p = 0; p < n; p++) {
			int best = -1;
			for (int c = 0; c < this.count; c++) {
				if (!probed[c] && (best < 0 || dots[c] > dots[best])) {
					best = c;
				}
			}
			probed[best] = true;
		}
		return probed;
	}

	/**
	 * Learns {@code clusters} centroids from a sample of unit vectors.
	 * @param sample unit vectors packed row by row
	 * @param count the number of vectors in the sample
	 * @param dimensions the length of each vector
	 * @param clusters the number of centroids wanted
	 * @return the centroids, or {@code null} if the sample has fewer vectors than twice
	 * the clusters (the index then keeps its exact search)
	 */
	public static @Nullable ClusterCentroids train(float[] sample, int count, int dimensions, int clusters) {
		if (clusters < 2 || count < 2 * clusters) {
			return null;
		}
		float[] centroids = new float[clusters * dimensions];
		// distinct sample vectors, chosen from a fixed seed, as the first centroids
		int[] order = new int[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		Random random = new Random(count * 31L + clusters);
		for (int i = count - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		for (int c = 0; c < clusters; c++) {
			System.arraycopy(sample, order[c] * dimensions, centroids, c * dimensions, dimensions);
		}
		double[] sums = new double[clusters * dimensions];
		int[] sizes = new int[clusters];
		ClusterCentroids current = new ClusterCentroids(dimensions, clusters, centroids);
		float[] row = new float[dimensions];
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			Arrays.fill(sums, 0);
			Arrays.fill(sizes, 0);
			for (int i = 0; i < count; i++) {
				System.arraycopy(sample, i * dimensions, row, 0, dimensions);
				int c = current.nearest(row);
				sizes[c]++;
				for (int d = 0; d < dimensions; d++) {
					sums[c * dimensions + d] += row[d];
				}
			}
			for (int c = 0; c < clusters; c++) {
				if (sizes[c] == 0) {
					// an empty cluster restarts at a sample vector (fixed choice)
					System.arraycopy(sample, order[(c + iteration * clusters) % count] * dimensions, centroids,
							c * dimensions, dimensions);
					continue;
				}
				double norm = 0;
				for (int d = 0; d < dimensions; d++) {
					norm += sums[c * dimensions + d] * sums[c * dimensions + d];
				}
				norm = Math.sqrt(norm);
				if (!(norm > 1e-12)) {
					continue;
				}
				for (int d = 0; d < dimensions; d++) {
					centroids[c * dimensions + d] = (float) (sums[c * dimensions + d] / norm);
				}
			}
		}
		return current;
	}

}
