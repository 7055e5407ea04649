package dev.orchestration.resilience;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Cool-downs after rate limits, unhealthy marks after authentication failures and
 * unavailable marks after account trouble (no credit, quota exhausted), per tier member.
 */
public class MemberHealth {

	/** How long a member with account trouble is left out unless configured otherwise. */
	public static final Duration DEFAULT_ACCOUNT_UNAVAILABLE_DURATION = Duration.ofHours(1);

	private final Clock clock;

	private final Duration unhealthyFor;

	private final Duration unavailableFor;

	private final Map<String, Instant> coolingDownUntil = new ConcurrentHashMap<>();

	private final Map<String, Instant> unhealthyUntil = new ConcurrentHashMap<>();

	private final Map<String, Instant> unavailableUntil = new ConcurrentHashMap<>();

	public MemberHealth(Clock clock, Duration unhealthyFor) {
		this(clock, unhealthyFor, DEFAULT_ACCOUNT_UNAVAILABLE_DURATION);
	}

	/**
	 * Member health with both periods.
	 * @param clock the clock
	 * @param unhealthyFor how long a member that failed authentication is left out
	 * @param unavailableFor how long a member with account trouble is left out
	 */
	public MemberHealth(Clock clock, Duration unhealthyFor, Duration unavailableFor) {
		this.clock = clock;
		this.unhealthyFor = unhealthyFor;
		this.unavailableFor = unavailableFor;
	}

	/** Leaves the member out until the given time has passed. */
	public void coolDown(String member, Duration duration) {
		this.coolingDownUntil.merge(member, after(duration),
				(previous, next) -> next.isAfter(previous) ? next : previous);
	}

	/** Leaves the member out for the configured unhealthy period. */
	public void markUnhealthy(String member) {
		this.unhealthyUntil.put(member, after(this.unhealthyFor));
	}

	/** Leaves the member out for the configured account-unavailable period. */
	public void markUnavailable(String member) {
		this.unavailableUntil.put(member, after(this.unavailableFor));
	}

	/** Forgets cool-downs, unhealthy and unavailable marks of the member. */
	public void reset(String member) {
		this.coolingDownUntil.remove(member);
		this.unhealthyUntil.remove(member);
		this.unavailableUntil.remove(member);
	}

	public MemberStatus status(String member) {
		Instant now = this.clock.instant();
		if (isAfter(this.unavailableUntil, member, now)) {
			return MemberStatus.UNAVAILABLE;
		}
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

	/**
	 * When the member's account-unavailable mark ends, or {@code null} when it has none.
	 */
	public @Nullable Instant unavailableUntil(String member) {
		Instant until = this.unavailableUntil.get(member);
		return (until != null && until.isAfter(this.clock.instant())) ? until : null;
	}

	private Instant after(Duration duration) {
		Instant now = this.clock.instant();
		try {
			return now.plus(duration.isNegative() ? Duration.ZERO : duration);
		}
		catch (DateTimeException | ArithmeticException tooFar) {
			return Instant.MAX;
		}
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
