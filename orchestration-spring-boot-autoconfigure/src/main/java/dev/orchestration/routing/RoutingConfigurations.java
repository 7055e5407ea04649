package dev.orchestration.routing;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing configuration in force, behind one atomic reference: a reload swaps in a
 * whole new {@link RoutingConfiguration}; requests read {@link #current()} once when they
 * start.
 */
public final class RoutingConfigurations {

	private final AtomicReference<RoutingConfiguration> current;

	/** Holds the start-up configuration as version 1. */
	public RoutingConfigurations(Tiers tiers, RouteResolver resolver, FailoverPolicy policy, MemberSelector selector) {
		this.current = new AtomicReference<>(new RoutingConfiguration(1, tiers, resolver, policy, selector));
	}

	public RoutingConfiguration current() {
		return this.current.get();
	}

	/** Puts a new configuration in force as the next version, and returns it. */
	public RoutingConfiguration replace(Tiers tiers, RouteResolver resolver, FailoverPolicy policy,
			MemberSelector selector) {
		return this.current
			.updateAndGet((old) -> new RoutingConfiguration(old.version() + 1, tiers, resolver, policy, selector));
	}

}
