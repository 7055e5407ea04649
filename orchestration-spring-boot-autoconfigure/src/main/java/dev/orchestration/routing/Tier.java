package dev.orchestration.routing;

import java.util.List;

/**
 * A tier: members of similar price and quality, in failover order.
 *
 * @param name the tier name
 * @param members members in failover order
 */
public record Tier(String name, List<TierMember> members) {

	public Tier {
		members = List.copyOf(members);
	}

}
