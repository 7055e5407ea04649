package dev.orchestration.resilience;

import java.time.Duration;
import java.time.Instant;

import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberHealthTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

	private final MemberHealth health = new MemberHealth(this.clock, Duration.ofMinutes(5), Duration.ofHours(2));

	@Test
	void accountTroubleLeavesTheMemberOutForTheConfiguredTimeThenItIsBack() {
		this.health.markUnavailable("m");
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.UNAVAILABLE);
		assertThat(this.health.unavailableUntil("m")).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
		this.clock.advance(Duration.ofMinutes(119));
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.UNAVAILABLE);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.AVAILABLE);
		assertThat(this.health.unavailableUntil("m")).isNull();
	}

	@Test
	void unavailableOutranksUnhealthyAndCoolingDown() {
		this.health.coolDown("m", Duration.ofSeconds(30));
		this.health.markUnhealthy("m");
		this.health.markUnavailable("m");
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.UNAVAILABLE);
	}

	@Test
	void resetClearsEveryMark() {
		this.health.coolDown("m", Duration.ofSeconds(30));
		this.health.markUnhealthy("m");
		this.health.markUnavailable("m");
		this.health.reset("m");
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.AVAILABLE);
	}

	@Test
	void anAbsurdCoolDownDoesNotThrow() {
		this.health.coolDown("m", Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(this.health.status("m")).isEqualTo(MemberStatus.COOLING_DOWN);
		this.health.coolDown("n", Duration.ofSeconds(-5));
		assertThat(this.health.status("n")).isEqualTo(MemberStatus.AVAILABLE);
	}

	@Test
	void theDefaultAccountPeriodIsAnHour() {
		MemberHealth defaults = new MemberHealth(this.clock, Duration.ofMinutes(5));
		defaults.markUnavailable("m");
		assertThat(defaults.unavailableUntil("m")).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
	}

}
