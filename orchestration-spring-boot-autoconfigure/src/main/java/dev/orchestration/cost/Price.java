package dev.orchestration.cost;

/**
 * The list price of a model in US dollars per million input and output tokens.
 *
 * @param inputPerMillion USD per million prompt tokens
 * @param outputPerMillion USD per million completion tokens
 */
public record Price(double inputPerMillion, double outputPerMillion) {

	/** A model that costs nothing (or whose price is unknown). */
	public static final Price FREE = new Price(0, 0);

	public Price {
		if (inputPerMillion < 0 || outputPerMillion < 0) {
			throw new IllegalArgumentException("Prices must not be negative");
		}
	}

}
