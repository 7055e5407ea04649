package dev.orchestration.routing;

import java.time.Duration;

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
 */
public record FailoverPolicy(boolean escalateOnTierFailure, @Nullable String longContextTier,
		@Nullable String contentPolicyTier, Duration rateLimitCooldown, boolean fallBackToLowerTiers) {

	/** A policy that never falls back to cheaper tiers. */
	public FailoverPolicy(boolean escalateOnTierFailure, @Nullable String longContextTier,
			@Nullable String contentPolicyTier, Duration rateLimitCooldown) {
		this(escalateOnTierFailure, longContextTier, contentPolicyTier, rateLimitCooldown, false);
	}

}
