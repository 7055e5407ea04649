package dev.orchestration.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The configured tiers in escalation order (cheapest first).
 */
public final class Tiers {

	private final Map<String, Tier> byName = new LinkedHashMap<>();

	private final Set<String> names;

	public Tiers(List<Tier> tiers) {
		tiers.forEach((tier) -> this.byName.put(tier.name(), tier));
		this.names = Collections.unmodifiableSet(this.byName.keySet());
	}

	public List<Tier> all() {
		return List.copyOf(this.byName.values());
	}

	public @Nullable Tier get(String name) {
		return this.byName.get(name);
	}

	public boolean contains(String name) {
		return this.byName.containsKey(name);
	}

	/** The tier names in escalation order (read-only). */
	public Set<String> names() {
		return this.names;
	}

	public Stream<TierMember> members() {
		return this.byName.values().stream().flatMap((tier) -> tier.members().stream());
	}

	/**
	 * The nearest tier before the given one in escalation order that is not excluded, or
	 * {@code null}.
	 */
	public @Nullable String nearestBefore(String name, Set<String> excluded) {
		String found = null;
		for (String candidate : this.byName.keySet()) {
			if (candidate.equals(name)) {
				return found;
			}
			if (!excluded.contains(candidate)) {
				found = candidate;
			}
		}
		return null;
	}

	/**
	 * The first tier after the given one in escalation order that is not excluded, or
	 * {@code null}.
	 */
	public @Nullable String nextAfter(String name, Set<String> excluded) {
		boolean passed = false;
		for (String candidate : this.byName.keySet()) {
			if (passed && !excluded.contains(candidate)) {
				return candidate;
			}
			passed = passed || candidate.equals(name);
		}
		return null;
	}

}
