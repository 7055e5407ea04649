package dev.orchestration.routing;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where a request goes when members fail.
 *
 * @param escalateOnTierFailure whether the next tier up is tried when every member of a
 * tier failed
 * @param longContextTier the tier for prompts that exceed a member's context window, or
 * {@code null}
 * @param contentPolicyTier the tier for prompts a provider refused on content policy, or
 * {@code null}
 * @param rateLimitCooldown how long a member that answered 429 without Retry-After is
 * left out
 * @param fallBackToLowerTiers whether, once no tier above is left, the nearest cheaper
 * tiers are tried (a healthy cheaper answer rather than no answer)
 * @param closedToFailover tiers that escalation and fall-back never send a request to
 * (for example a tier that only judges or votes for the cascade); requests routed to them
 * by a hint, a rule or a redirect are still served
 */
public record FailoverPolicy(boolean escalateOnTierFailure, @Nullable String longContextTier,
		@Nullable String contentPolicyTier, Duration rateLimitCooldown, boolean fallBackToLowerTiers,
		Set<String> closedToFailover) {

	public FailoverPolicy {
		closedToFailover = Set.copyOf(closedToFailover);
	}

	/** A policy with every tier open to failover. */
	public FailoverPolicy(boolean escalateOnTierFailure, @Nullable String longContextTier,
			@Nullable String contentPolicyTier, Duration rateLimitCooldown, boolean fallBackToLowerTiers) {
		this(escalateOnTierFailure, longContextTier, contentPolicyTier, rateLimitCooldown, fallBackToLowerTiers,
				Set.of());
	}

	/** A policy that never falls back to cheaper tiers. */
	public FailoverPolicy(boolean escalateOnTierFailure, @Nullable String longContextTier,
			@Nullable String contentPolicyTier, Duration rateLimitCooldown) {
		this(escalateOnTierFailure, longContextTier, contentPolicyTier, rateLimitCooldown, false);
	}

}
