package dev.orchestration.classify;

/**
 * A task inferred for a request.
 *
 * @param task the class
 * @param confidence 0..1 (embedding: similarity to the class; router model: 1 when it named a class)
 * @param source {@code embedding} or {@code router-model}
 * @param cost USD spent to classify (the router model's call; 0 for embeddings)
 */
public record TaskClassification(String task, double confidence, String source, double cost) {
}
