package dev.orchestration.cache.semantic.internal;

/**
 * The dot product the semantic index and its centroids compute on every lookup, on
 * vectors laid out end to end in one array.
 */
public final class VectorMath {

	private VectorMath() {
	}

	/**
	 * The dot product of {@code dims} floats of {@code a} from {@code aOffset} and of
	 * {@code b} from {@code bOffset}, with four independent accumulators (lets the JIT
	 * pipeline the multiply-adds).
	 */
	public static float dot(float[] a, int aOffset, float[] b, int bOffset, int dims) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int d = 0;
		for (; d + 3 < dims; d += 4) {
			s0 += a[aOffset + d] * b[bOffset + d];
			s1 += a[aOffset + d + 1] * b[bOffset + d + 1];
			s2 += a[aOffset + d + 2] * b[bOffset + d + 2];
			s3 += a[aOffset + d + 3] * b[bOffset + d + 3];
		}
		for (; d < dims; d++) {
			s0 += a[aOffset + d] * b[bOffset + d];
		}
		return (s0 + s1) + (s2 + s3);
	}

}
