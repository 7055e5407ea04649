package dev.orchestration.cost;

/**
 * Default {@link CostCalculator}: tokens times the price per million tokens.
 */
public class TokenPriceCostCalculator implements CostCalculator {

	@Override
	public double cost(long promptTokens, long completionTokens, Price price) {
		return (promptTokens * price.inputPerMillion() + completionTokens * price.outputPerMillion()) / 1_000_000d;
	}

}
