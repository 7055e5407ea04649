package dev.orchestration.routing;

/**
 * The live share of a canary member: the part of its tier's first attempts it takes, in
 * basis points (0..10,000). The rollout ramp writes it; every request reads it once,
 * without a lock.
 */
public final class CanaryShare {

	/** The whole tier: 100 %. */
	public static final int FULL = 10_000;

	private volatile int basisPoints;

	public CanaryShare(int basisPoints) {
		set(basisPoints);
	}

	/** The share in basis points (100 = 1 %). */
	public int basisPoints() {
		return this.basisPoints;
	}

	/** The share in percent. */
	public double percent() {
		return this.basisPoints / 100.0;
	}

	public void set(int basisPoints) {
		if (basisPoints < 0 || basisPoints > FULL) {
			throw new IllegalArgumentException("A share is 0.." + FULL + " basis points, not " + basisPoints);
		}
		this.basisPoints = basisPoints;
	}

	/** Basis points of a percentage (0..100), rounded. */
	public static int ofPercent(double percent) {
		return (int) Math.round(percent * 100);
	}

}
