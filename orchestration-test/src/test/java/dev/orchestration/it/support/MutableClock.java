package dev.orchestration.it.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock the integration tests move forward (canary steps, budget days, marker expiry).
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * A clock at 10:00 UTC tomorrow: for tests whose Redis keys expire at the end of the
	 * clock's budget period ({@code PEXPIREAT}, by Redis's own wall clock), so the keys
	 * never expire while the test runs, whatever day it runs on (a fixed date turns into
	 * keys that expire at once the day after it).
	 */
	public static MutableClock tomorrowAtTen() {
		return new MutableClock(
				Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(10)));
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
