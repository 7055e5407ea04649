package dev.orchestration.cache.semantic;

/**
 * A second opinion on a gray-zone candidate: do the cached question and the new one ask
 * for the same thing? Implementations are thread-safe; one that fails throws, and the
 * candidate is then a miss.
 */
@FunctionalInterface
public interface SameQuestionCheck {

	/**
	 * Decides whether two questions ask for the same thing.
	 * @param cachedQuestion the question the entry was stored under (the compared part)
	 * @param question the new question (the compared part)
	 * @return the verdict with what it cost
	 */
	Verdict check(String cachedQuestion, String question);

	/**
	 * A check's verdict and its cost.
	 *
	 * @param same whether both ask for the same thing
	 * @param cost USD the check cost
	 * @param promptTokens prompt tokens of the check
	 * @param completionTokens completion tokens of the check
	 */
	record Verdict(boolean same, double cost, long promptTokens, long completionTokens) {
	}

}
