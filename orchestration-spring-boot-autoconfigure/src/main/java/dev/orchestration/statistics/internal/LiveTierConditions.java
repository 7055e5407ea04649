package dev.orchestration.statistics.internal;

import java.util.OptionalLong;

import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierConditions;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import dev.orchestration.statistics.MemberStatistics;
import dev.orchestration.statistics.RouteStatistics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Live tier conditions for cost- and latency-aware routing: a tier is available while any
 * member's breaker is not open and the member is neither cooling down nor unhealthy; its
 * p95 is the best observed among its members.
 */
public class LiveTierConditions implements TierConditions {

	private final Tiers tiers;

	private final MemberCircuitBreakers breakers;

	private final MemberHealth health;

	private final RouteStatistics statistics;

	public LiveTierConditions(Tiers tiers, MemberCircuitBreakers breakers, MemberHealth health,
			RouteStatistics statistics) {
		this.tiers = tiers;
		this.breakers = breakers;
		this.health = health;
		this.statistics = statistics;
	}

	@Override
	public boolean available(String tier) {
		Tier found = this.tiers.get(tier);
		return found != null && found.members().stream().anyMatch(this::callable);
	}

	@Override
	public OptionalLong p95Millis(String tier) {
		Tier found = this.tiers.get(tier);
		if (found == null) {
			return OptionalLong.empty();
		}
		return found.members()
			.stream()
			.map((member) -> this.statistics.member(member.id()))
			.filter((stats) -> stats.requests() > 0)
			.mapToLong(MemberStatistics::p95Millis)
			.min();
	}

	private boolean callable(TierMember member) {
		CircuitBreaker.State state = this.breakers.breaker(member.id()).getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN
				&& this.health.status(member.id()) == MemberStatus.AVAILABLE;
	}

}
