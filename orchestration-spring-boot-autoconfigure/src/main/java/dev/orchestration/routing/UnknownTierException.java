package dev.orchestration.routing;

import java.util.Collection;

/**
 * Thrown when a caller asks for a tier that is not configured.
 */
public class UnknownTierException extends IllegalArgumentException {

	private final String tier;

	public UnknownTierException(String tier, Collection<String> known) {
		super("Unknown tier '" + tier + "' requested; configured tiers are " + known);
		this.tier = tier;
	}

	public String getTier() {
		return this.tier;
	}

}
