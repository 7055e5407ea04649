package dev.orchestration.resilience;

/**
 * Decides how the router reacts to an error thrown by a provider's chat model. Replace
 * the bean to teach the router about another client's exceptions.
 */
@FunctionalInterface
public interface FailureClassifier {

	FailureClassification classify(Throwable error);

}
