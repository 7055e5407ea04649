package dev.orchestration.rollout.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.orchestration.rollout.CanaryEvalGate;
import dev.orchestration.rollout.CanaryRampEvent;
import dev.orchestration.rollout.CanaryState;
import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryRampTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final CanaryGuards guards = new CanaryGuards(Duration.ofMinutes(1), 3, 0.2, Duration.ofMillis(500), 0.7,
			0.5);

	private final CanaryRamp ramp = new CanaryRamp(
			"small-canary", "small", List.of(new CanaryStep(100, Duration.ofMinutes(5)),
					new CanaryStep(2500, Duration.ofMinutes(5)), new CanaryStep(10_000, null)),
			this.guards, this.clock);

	@Test
	void advancesOnlyOnceTheStepIsDueAndEnoughCallsWereMade() {
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).as("no calls yet").isNull();
		calls(3, false, 100);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isEqualTo(CanaryRampEvent.Kind.ADVANCED);
		assertThat(this.ramp.share().basisPoints()).isEqualTo(2500);
		calls(3, false, 100);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).as("the new step just began").isNull();
		this.clock.advance(Duration.ofMinutes(5));
		calls(3, false, 100);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isEqualTo(CanaryRampEvent.Kind.COMPLETED);
		assertThat(this.ramp.status().state()).isEqualTo(CanaryState.COMPLETED);
		assertThat(this.ramp.share().basisPoints()).isEqualTo(10_000);
	}

	@Test
	void aSlowCanaryRollsBackOnItsP95() {
		calls(10, false, 2000);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isEqualTo(CanaryRampEvent.Kind.ROLLED_BACK);
		assertThat(this.ramp.status().rollbackReason()).startsWith("p95 latency");
		assertThat(this.ramp.share().basisPoints()).isZero();
	}

	@Test
	void aLowJudgeScoreOrManyEscalationsRollBack() {
		calls(5, false, 10);
		this.ramp.window().verdict(0.4, false);
		this.ramp.window().verdict(0.5, false);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isEqualTo(CanaryRampEvent.Kind.ROLLED_BACK);
		assertThat(this.ramp.status().rollbackReason()).startsWith("judge score");
	}

	@Test
	void callsOlderThanTheWindowNoLongerCount() {
		calls(10, true, 10);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isNull();
		assertThat(this.ramp.status().guards().requests()).isZero();
	}

	@Test
	void anEvalGateHoldsOrRollsBack() {
		this.clock.advance(Duration.ofMinutes(6));
		calls(3, false, 100);
		assertThat(
				this.ramp.evaluate(this.clock.instant(), List.of((canary) -> CanaryEvalGate.Verdict.hold("pending"))))
			.isNull();
		assertThat(this.ramp.share().basisPoints()).isEqualTo(100);
		assertThat(this.ramp.evaluate(this.clock.instant(),
				List.of((canary) -> CanaryEvalGate.Verdict.rollBack("eval set dropped 8 points"))))
			.isEqualTo(CanaryRampEvent.Kind.ROLLED_BACK);
		assertThat(this.ramp.status().rollbackReason()).isEqualTo("eval gate: eval set dropped 8 points");
	}

	@Test
	void pauseHoldsResumeRestartsTheStepAndResumeAfterARollBackStartsOver() {
		assertThat(this.ramp.pause()).isTrue();
		this.clock.advance(Duration.ofMinutes(6));
		calls(3, false, 100);
		assertThat(this.ramp.evaluate(this.clock.instant(), List.of())).isNull();
		assertThat(this.ramp.resume(this.clock.instant())).isTrue();
		assertThat(this.ramp.status().nextStepAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
		this.ramp.advance(this.clock.instant());
		this.ramp.rollBack(this.clock.instant(), "manual");
		assertThat(this.ramp.share().basisPoints()).isZero();
		assertThat(this.ramp.resume(this.clock.instant())).isTrue();
		assertThat(this.ramp.status().step()).isZero();
		assertThat(this.ramp.share().basisPoints()).isEqualTo(100);
		this.ramp.evaluate(this.clock.instant(), List.of());
		assertThat(this.ramp.status().guards().requests()).as("a fresh window").isZero();
	}

	private void calls(int n, boolean failed, long latencyMillis) {
		for (int i = 0; i < n; i++) {
			this.ramp.window().call(failed, latencyMillis);
		}
	}

}
