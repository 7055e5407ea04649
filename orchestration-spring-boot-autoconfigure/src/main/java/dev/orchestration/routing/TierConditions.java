package dev.orchestration.routing;

import java.util.OptionalLong;

/**
 * What the router knows live about a tier: whether any member can be called (breaker not
 * open, not cooling down or unhealthy), and the observed p95 latency of its members.
 */
public interface TierConditions {

	/** Conditions that know nothing: every tier available, no latency observed. */
	TierConditions UNKNOWN = new TierConditions() {

		@Override
		public boolean available(String tier) {
			return true;
		}

		@Override
		public OptionalLong p95Millis(String tier) {
			return OptionalLong.empty();
		}

	};

	boolean available(String tier);

	/**
	 * The best observed p95 latency among the tier's members, if any calls were observed.
	 */
	OptionalLong p95Millis(String tier);

}
