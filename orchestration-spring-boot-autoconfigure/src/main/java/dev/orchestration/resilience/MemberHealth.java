package dev.orchestration.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Cool-downs after rate limits and unhealthy marks after authentication failures, per tier member.
 */
public class MemberHealth {

	private final Clock clock;

	private final Duration unhealthyFor;

	private final Map<String, Instant> coolingDownUntil = new ConcurrentHashMap<>();

	private final Map<String, Instant> unhealthyUntil = new ConcurrentHashMap<>();

	public MemberHealth(Clock clock, Duration unhealthyFor) {
		this.clock = clock;
		this.unhealthyFor = unhealthyFor;
	}

	/** Leaves the member out until the given time has passed. */
	public void coolDown(String member, Duration duration) {
		this.coolingDownUntil.merge(member, this.clock.instant().plus(duration),
				(previous, next) -> next.isAfter(previous) ? next : previous);
	}

	/** Leaves the member out for the configured unhealthy period. */
	public void markUnhealthy(String member) {
		this.unhealthyUntil.put(member, this.clock.instant().plus(this.unhealthyFor));
	}

	/** Forgets cool-downs and unhealthy marks of the member. */
	public void reset(String member) {
		this.coolingDownUntil.remove(member);
		this.unhealthyUntil.remove(member);
	}

	public MemberStatus status(String member) {
		Instant now = this.clock.instant();
		if (isAfter(this.unhealthyUntil, member, now)) {
			return MemberStatus.UNHEALTHY;
		}
		if (isAfter(this.coolingDownUntil, member, now)) {
			return MemberStatus.COOLING_DOWN;
		}
		return MemberStatus.AVAILABLE;
	}

	/** When the member's cool-down ends, or {@code null} when it is not cooling down. */
	public @Nullable Instant coolingDownUntil(String member) {
		Instant until = this.coolingDownUntil.get(member);
		return (until != null && until.isAfter(this.clock.instant())) ? until : null;
	}

	private static boolean isAfter(Map<String, Instant> deadlines, String member, Instant now) {
		Instant until = deadlines.get(member);
		if (until == null) {
			return false;
		}
		if (!until.isAfter(now)) {
			deadlines.remove(member, until);
			return false;
		}
		return true;
	}

}
