package dev.orchestration.cache.semantic.internal;

import java.util.Arrays;

/**
 * The vectors of a clustered scope a second time, grouped by cluster: each cluster's rows
 * lie end to end, so that a lookup probing a few clusters reads a few contiguous runs
 * instead of rows scattered over the whole scope (the approximate search is bound by
 * memory, not arithmetic: at 50,000 entries its median fell from 0.86-1.33 to 0.26-0.31
 * ms this way, docs/semantic-cache.md "Contiguous clusters"). Costs the vectors' memory
 * once more, and up to twice that while a cluster's array, grown by doubling, is not full
 * (arrays never shrink).
 * <p>
 * Rows are known by the slot of their entry in the scope's own arrays; the scope tells
 * this class when an entry is added, removed, or moved to another slot. Not thread-safe:
 * the index calls it under its lock.
 */
public final class ClusterRows {

	private final int dimensions;

	/** Per cluster, its rows end to end. */
	private final float[][] rows;

	/** Per cluster, the slot of each row. */
	private final int[][] slots;

	/** Per cluster, its rows in use. */
	private final int[] sizes;

	/** Per slot, the entry's cluster. */
	private int[] clusterOf;

	/** Per slot, the row's index within its cluster. */
	private int[] positions;

	public ClusterRows(int clusters, int dimensions, int slotCapacity) {
		this.dimensions = dimensions;
		this.rows = new float[clusters][];
		this.slots = new int[clusters][];
		this.sizes = new int[clusters];
		for (int c = 0; c < clusters; c++) {
			this.rows[c] = new float[4 * dimensions];
			this.slots[c] = new int[4];
		}
		this.clusterOf = new int[Math.max(1, slotCapacity)];
		this.positions = new int[this.clusterOf.length];
	}

	/**
	 * Adds the row of a slot to a cluster.
	 * @param cluster the cluster
	 * @param slot the entry's slot in the scope
	 * @param vectors the array holding the row
	 * @param offset where the row starts in it
	 */
	public void add(int cluster, int slot, float[] vectors, int offset) {
		int size = this.sizes[cluster];
		if (size == this.slots[cluster].length) {
			this.slots[cluster] = Arrays.copyOf(this.slots[cluster], size * 2);
			this.rows[cluster] = Arrays.copyOf(this.rows[cluster], size * 2 * this.dimensions);
		}
		if (slot >= this.positions.length) {
			int capacity = Math.max(slot + 1, this.positions.length * 2);
			this.positions = Arrays.copyOf(this.positions, capacity);
			this.clusterOf = Arrays.copyOf(this.clusterOf, capacity);
		}
		System.arraycopy(vectors, offset, this.rows[cluster], size * this.dimensions, this.dimensions);
		this.slots[cluster][size] = slot;
		this.positions[slot] = size;
		this.clusterOf[slot] = cluster;
		this.sizes[cluster] = size + 1;
	}

	/**
	 * Removes the row of a slot from its cluster (the cluster's last row takes its
	 * place).
	 * @param slot the removed entry's slot
	 */
	public void remove(int slot) {
		int cluster = this.clusterOf[slot];
		int position = this.positions[slot];
		int last = this.sizes[cluster] - 1;
		if (position != last) {
			int movedSlot = this.slots[cluster][last];
			System.arraycopy(this.rows[cluster], last * this.dimensions, this.rows[cluster], position * this.dimensions,
					this.dimensions);
			this.slots[cluster][position] = movedSlot;
			this.positions[movedSlot] = position;
		}
		this.sizes[cluster] = last;
	}

	/**
	 * Follows an entry the scope moved from one slot to another.
	 * @param from its old slot
	 * @param to its new slot
	 */
	public void move(int from, int to) {
		int cluster = this.clusterOf[from];
		int position = this.positions[from];
		this.slots[cluster][position] = to;
		this.positions[to] = position;
		this.clusterOf[to] = cluster;
	}

	public int size(int cluster) {
		return this.sizes[cluster];
	}

	/** The rows of a cluster end to end ({@link #size(int)} of them in use). */
	public float[] rows(int cluster) {
		return this.rows[cluster];
	}

	/** The slot of each row of a cluster ({@link #size(int)} of them in use). */
	public int[] slots(int cluster) {
		return this.slots[cluster];
	}

}
