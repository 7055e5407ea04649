package dev.orchestration.drift.internal;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.routing.TierConditions;

/**
 * Tiers a drift check took out of the class policies. The class-policy chooser sees them
 * as unavailable through {@link #guard(TierConditions)}; hints, rules and the default
 * tier still reach them (and the check itself forces the tier, so it can see it recover).
 */
public class DriftExclusions {

	private final Set<String> excluded = ConcurrentHashMap.newKeySet();

	public void exclude(String tier) {
		this.excluded.add(tier);
	}

	public void restore(String tier) {
		this.excluded.remove(tier);
	}

	public boolean isExcluded(String tier) {
		return this.excluded.contains(tier);
	}

	public Set<String> excluded() {
		return Set.copyOf(this.excluded);
	}

	/** The live conditions with the excluded tiers unavailable. */
	public TierConditions guard(TierConditions live) {
		return new TierConditions() {

			@Override
			public boolean available(String tier) {
				return !isExcluded(tier) && live.available(tier);
			}

			@Override
			public OptionalLong p95Millis(String tier) {
				return live.p95Millis(tier);
			}

		};
	}

}
