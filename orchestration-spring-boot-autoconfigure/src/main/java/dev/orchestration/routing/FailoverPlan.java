package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.resilience.FailureClassification;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.resilience.MemberStatus;
import org.jspecify.annotations.Nullable;

/**
 * The failover state of one request: which member to try next, what was tried, and where
 * failures send the request (next member, long-context or content-policy tier, next tier
 * up).
 */
final class FailoverPlan {

	private final Tiers tiers;

	private final MemberHealth health;

	private final FailoverPolicy policy;

	private final MemberSelector selector;

	private final long key;

	private List<TierMember> members = List.of();

	private final List<Attempt> attempts = new ArrayList<>();

	private final Set<String> visitedTiers = new LinkedHashSet<>();

	private @Nullable String tier;

	private int nextIndex;

	private @Nullable String redirect;

	FailoverPlan(Tiers tiers, MemberHealth health, FailoverPolicy policy, String firstTier) {
		this(tiers, health, policy, MemberSelector.CONFIGURED_ORDER, 0, firstTier);
	}

	/**
	 * A plan whose first member per tier the selector chooses with the request's key.
	 * @param key the request's sticky key (see {@link MemberSelector})
	 */
	FailoverPlan(Tiers tiers, MemberHealth health, FailoverPolicy policy, MemberSelector selector, long key,
			String firstTier) {
		this.tiers = tiers;
		this.health = health;
		this.policy = policy;
		this.selector = selector;
		this.key = key;
		this.tier = firstTier;
		this.visitedTiers.add(firstTier);
		enter(firstTier);
	}

	private void enter(@Nullable String name) {
		Tier current = (name != null) ? this.tiers.get(name) : null;
		this.members = (current != null) ? this.selector.order(current, this.key) : List.of();
	}

	/**
	 * The next member to call, recording members skipped on the way; {@code null} when
	 * none is left.
	 */
	@Nullable TierMember next() {
		while (this.tier != null) {
			List<TierMember> members = this.members;
			while (this.redirect == null && this.nextIndex < members.size()) {
				TierMember member = members.get(this.nextIndex++);
				MemberStatus status = this.health.status(member.id());
				if (status == MemberStatus.AVAILABLE) {
					return member;
				}
				this.attempts.add(Attempt.skipped(member.tier(), member.id(), member.model(), skipped(status)));
			}
			moveToNextTier();
		}
		return null;
	}

	private static AttemptOutcome skipped(MemberStatus status) {
		return switch (status) {
			case COOLING_DOWN -> AttemptOutcome.COOLING_DOWN;
			case UNAVAILABLE -> AttemptOutcome.UNAVAILABLE;
			default -> AttemptOutcome.UNHEALTHY;
		};
	}

	/**
	 * Applies a member's failure: cool-down, unhealthy mark, or a redirect to another
	 * tier.
	 */
	void failed(TierMember member, FailureClassification failure) {
		switch (failure.kind()) {
			case RATE_LIMITED -> this.health.coolDown(member.id(),
					(failure.retryAfter() != null) ? failure.retryAfter() : this.policy.rateLimitCooldown());
			case AUTH -> this.health.markUnhealthy(member.id());
			case ACCOUNT -> this.health.markUnavailable(member.id());
			case CONTEXT_LENGTH -> redirectTo(this.policy.longContextTier());
			case CONTENT_POLICY -> redirectTo(this.policy.contentPolicyTier());
			default -> {
			}
		}
	}

	void record(Attempt attempt) {
		this.attempts.add(attempt);
	}

	/** What the attempts so far cost. */
	double cost() {
		double cost = 0;
		for (Attempt attempt : this.attempts) {
			cost += attempt.cost();
		}
		return cost;
	}

	List<Attempt> attempts() {
		return List.copyOf(this.attempts);
	}

	private void redirectTo(@Nullable String target) {
		if (target != null && !this.visitedTiers.contains(target)) {
			this.redirect = target;
		}
	}

	/**
	 * The tiers escalation and fall-back pass over: those already tried, and those closed
	 * to failover.
	 */
	private Set<String> skippedByFailover() {
		if (this.policy.closedToFailover().isEmpty()) {
			return this.visitedTiers;
		}
		Set<String> skipped = new HashSet<>(this.visitedTiers);
		skipped.addAll(this.policy.closedToFailover());
		return skipped;
	}

	private void moveToNextTier() {
		String previous = this.tier;
		if (this.redirect != null) {
			this.tier = this.redirect;
			this.redirect = null;
		}
		else {
			Set<String> skipped = skippedByFailover();
			this.tier = (this.policy.escalateOnTierFailure() && previous != null)
					? this.tiers.nextAfter(previous, skipped) : null;
			if (this.tier == null && this.policy.fallBackToLowerTiers() && previous != null) {
				this.tier = this.tiers.nearestBefore(previous, skipped);
			}
		}
		if (this.tier != null) {
			this.visitedTiers.add(this.tier);
		}
		this.nextIndex = 0;
		enter(this.tier);
	}

}
