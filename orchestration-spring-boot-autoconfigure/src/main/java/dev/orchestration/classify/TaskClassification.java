package dev.orchestration.classify;

import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.receipt.TaskSource;

/**
 * A task inferred for a request.
 *
 * @param task the class
 * @param confidence 0..1 (embedding: similarity to the class; router model: 1 when it
 * named a class)
 * @param source the layer that inferred it
 * @param cost USD spent to classify (the router model's call; 0 for embeddings)
 */
public record TaskClassification(String task, double confidence, TaskSource source, double cost) {

	/** The task as the router and the receipt carry it. */
	public TaskSignal signal() {
		return new TaskSignal(this.task, this.source, this.confidence);
	}

}
