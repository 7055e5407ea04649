package dev.orchestration.cost;

/**
 * Turns the tokens of one model call into US dollars.
 */
@FunctionalInterface
public interface CostCalculator {

	/**
	 * The cost of a call.
	 * @param promptTokens tokens sent
	 * @param completionTokens tokens received
	 * @param price the price of the model that answered
	 * @return the cost in USD
	 */
	double cost(long promptTokens, long completionTokens, Price price);

}
