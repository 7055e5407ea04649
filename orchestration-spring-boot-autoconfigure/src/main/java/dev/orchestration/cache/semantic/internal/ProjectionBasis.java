package dev.orchestration.cache.semantic.internal;

import java.util.Random;

import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import org.jspecify.annotations.Nullable;

/**
 * An orthonormal basis of a low-dimensional subspace (the leading principal directions of
 * a sample of vectors), used by {@link InMemorySemanticIndex} to bound similarities
 * cheaply.
 * <p>
 * For any orthonormal rows {@code P} and vectors {@code q}, {@code x}:
 * {@code q.x = Pq.Px + (q - P'Pq).(x - P'Px)}, and by Cauchy-Schwarz the second term is
 * at most {@code tail(q) * tail(x)} in magnitude, where {@code tail(v)² = |v|² - |Pv|²}.
 * So {@code Pq.Px + tail(q) * tail(x)} is an upper bound of the similarity whatever the
 * basis: the sample only decides how tight the bound is (how much of the vectors' energy
 * the subspace holds), never whether it holds. The rows are kept in double precision and
 * checked for orthonormality when built.
 */
public final class ProjectionBasis {

	private static final int ITERATIONS = 12;

	private final int dimensions;

	private final int rank;

	/** {@code rank} rows of {@code dimensions}, row-major. */
	private final double[] rows;

	private ProjectionBasis(int dimensions, int rank, double[] rows) {
		this.dimensions = dimensions;
		this.rank = rank;
		this.rows = rows;
	}

	public int dimensions() {
		return this.dimensions;
	}

	public int rank() {
		return this.rank;
	}

	/**
	 * Projects a vector: writes its {@code rank} coordinates in the subspace to
	 * {@code target} from {@code offset} and returns its tail (the norm of the part
	 * outside the subspace).
	 */
	public float project(float[] vector, float[] target, int offset) {
		double squaredNorm = 0;
		for (float value : vector) {
			squaredNorm += (double) value * value;
		}
		double projectedNorm = 0;
		int dims = this.dimensions;
		for (int k = 0; k < this.rank; k++) {
			double sum = 0;
			int row = k * dims;
			for (int d = 0; d < dims; d++) {
				sum += this.rows[row + d] * vector[d];
			}
			target[offset + k] = (float) sum;
			projectedNorm += sum * sum;
		}
		return (float) Math.sqrt(Math.max(0, squaredNorm - projectedNorm));
	}

	/**
	 * Builds a basis of the leading {@code rank} directions of the second-moment matrix
	 * of the sample (subspace iteration from a fixed seed, so the result is
	 * reproducible).
	 * @param sample vectors packed row by row
	 * @param count the number of vectors in the sample
	 * @param dimensions the length of each vector
	 * @param rank the number of directions (less than {@code dimensions})
	 * @return the basis, or {@code null} if the iteration degenerated (the index then
	 * keeps scanning every entry)
	 */
	public static @Nullable ProjectionBasis train(float[] sample, int count, int dimensions, int rank) {
		if (rank < 1 || rank >= dimensions || count < 1) {
			return null;
		}
		double[] moment = new double[dimensions * dimensions];
		for (int i = 0; i < count; i++) {
			int offset = i * dimensions;
			for (int p = 0; p < dimensions; p++) {
				double vp = sample[offset + p];
				if (vp == 0) {
					continue;
				}
				int row = p * dimensions;
				for (int s = p; s < dimensions; s++) {
					moment[row + s] += vp * sample[offset + s];
				}
			}
		}
		for (int p = 0; p < dimensions; p++) {
			for (int s = 0; s < p; s++) {
				moment[p * dimensions + s] = moment[s * dimensions + p];
			}
		}
		Random random = new Random(dimensions * 31L + rank);
		double[] basis = new double[rank * dimensions];
		for (int i = 0; i < basis.length; i++) {
			basis[i] = random.nextGaussian();
		}
		if (!orthonormalise(basis, rank, dimensions)) {
			return null;
		}
		double[] next = new double[rank * dimensions];
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			for (int k = 0; k < rank; k++) {
				int row = k * dimensions;
				for (int p = 0; p < dimensions; p++) {
					int m = p * dimensions;
					double sum = 0;
					for (int s = 0; s < dimensions; s++) {
						sum += moment[m + s] * basis[row + s];
					}
					next[row + p] = sum;
				}
			}
			if (!orthonormalise(next, rank, dimensions)) {
				return null;
			}
			double[] swap = basis;
			basis = next;
			next = swap;
		}
		return isOrthonormal(basis, rank, dimensions) ? new ProjectionBasis(dimensions, rank, basis) : null;
	}

	/** Modified Gram-Schmidt, twice for stability; false if a row vanishes. */
	private static boolean orthonormalise(double[] rows, int rank, int dimensions) {
		for (int pass = 0; pass < 2; pass++) {
			for (int k = 0; k < rank; k++) {
				int row = k * dimensions;
				for (int j = 0; j < k; j++) {
					int other = j * dimensions;
					double dot = 0;
					for (int d = 0; d < dimensions; d++) {
						dot += rows[row + d] * rows[other + d];
					}
					for (int d = 0; d < dimensions; d++) {
						rows[row + d] -= dot * rows[other + d];
					}
				}
				double norm = 0;
				for (int d = 0; d < dimensions; d++) {
					norm += rows[row + d] * rows[row + d];
				}
				norm = Math.sqrt(norm);
				if (!(norm > 1e-9) || Double.isInfinite(norm)) {
					return false;
				}
				for (int d = 0; d < dimensions; d++) {
					rows[row + d] /= norm;
				}
			}
		}
		return true;
	}

	private static boolean isOrthonormal(double[] rows, int rank, int dimensions) {
		for (int a = 0; a < rank; a++) {
			for (int b = a; b < rank; b++) {
				double dot = 0;
				for (int d = 0; d < dimensions; d++) {
					dot += rows[a * dimensions + d] * rows[b * dimensions + d];
				}
				double expected = (a == b) ? 1.0 : 0.0;
				if (!(Math.abs(dot - expected) < 1e-9)) {
					return false;
				}
			}
		}
		return true;
	}

}
