package dev.orchestration.classify;

import java.util.Optional;

/**
 * Infers the task of a request from its last user message; empty when not confident.
 */
@FunctionalInterface
public interface TaskClassifier {

	Optional<TaskClassification> classify(String text);

}
