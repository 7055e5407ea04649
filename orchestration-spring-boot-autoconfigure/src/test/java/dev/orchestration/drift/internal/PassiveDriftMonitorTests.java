package dev.orchestration.drift.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orchestration.audit.AuditCascade;
import dev.orchestration.audit.AuditOutcome;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditSource;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.drift.MemberDrift;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PassiveDriftMonitorTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PassiveDriftMonitor monitor = new PassiveDriftMonitor(10, 0.1, 0.1, this.meters);

	@Test
	void aMemberIsNotDriftingWhileItsSignalsStayNearTheFirstFullWindow() {
		repeat(10, () -> this.monitor.onRecord(judged(0.9)));
		repeat(10, () -> this.monitor.onRecord(judged(0.85)));
		MemberDrift drift = this.monitor.members().get(0);
		assertThat(drift.judgeBaseline()).isEqualTo(0.9, offset(1e-9));
		assertThat(drift.drifting()).isFalse();
	}

	@Test
	void aFallingJudgeScoreAndRisingEscalationsMakeTheMemberDriftAndShowInMeters() {
		repeat(10, () -> this.monitor.onRecord(judged(0.9)));
		repeat(10, () -> this.monitor.onRecord(escalatedAfterJudge(0.3)));
		MemberDrift drift = this.monitor.members()
			.stream()
			.filter((m) -> m.member().equals("small-a"))
			.findFirst()
			.orElseThrow();
		assertThat(drift.drifting()).isTrue();
		assertThat(drift.reasons()).anyMatch((r) -> r.startsWith("judge-score 0.30 < baseline 0.90"))
			.anyMatch((r) -> r.startsWith("escalation-rate 1.00 > baseline 0.00"));
		assertThat(this.monitor.isDrifting()).isTrue();
		assertThat(
				this.meters.get("llm.drift.passive").tags("member", "small-a", "signal", "judge-score").gauge().value())
			.isEqualTo(0.3, offset(1e-9));
		assertThat(this.meters.get("llm.drift.passive.drifting").tag("member", "small-a").gauge().value()).isEqualTo(1);
	}

	@Test
	void validatorFailuresAreCountedApartFromModelVerifiers() {
		repeat(10, () -> this.monitor.onRecord(judged(0.9)));
		repeat(10, () -> this.monitor.onRecord(rejectedBy("refusal")));
		MemberDrift drift = this.monitor.members().get(0);
		assertThat(drift.validatorFailureRate()).isEqualTo(1.0);
		assertThat(drift.reasons()).anyMatch((r) -> r.startsWith("validator-failure-rate"));
	}

	@Test
	void recordsWithoutACascadeAreIgnored() {
		this.monitor.onRecord(record(null));
		assertThat(this.monitor.members()).isEmpty();
	}

	private static AuditRecord judged(double score) {
		Verdict judge = new Verdict("judge", true, score, "ok", Map.of(), 0.0001, 10, 5);
		return record(new AuditCascade("accepted", 0, 0, List.of(step("small-a", true, judge))));
	}

	private static AuditRecord escalatedAfterJudge(double score) {
		Verdict judge = new Verdict("judge", false, score, "low", Map.of(), 0.0001, 10, 5);
		return record(new AuditCascade("accepted", 1, 1,
				List.of(step("small-a", false, judge), step("large-a", true, Verdict.pass("non-empty", "ok")))));
	}

	private static AuditRecord rejectedBy(String validator) {
		return record(new AuditCascade("end-of-path", 0, 0,
				List.of(step("small-a", false, Verdict.fail(validator, "refused")))));
	}

	private static CascadeStep step(String member, boolean accepted, Verdict... verdicts) {
		return new CascadeStep(member.startsWith("small") ? "small" : "large", member, 0.001, 0, 10, 5,
				List.of(verdicts), accepted, verdicts[0].score(), "key");
	}

	private static AuditRecord record(AuditCascade cascade) {
		return new AuditRecord(Instant.parse("2026-12-01T10:00:00Z"), null, null, AuditOutcome.ANSWERED,
				AuditSource.CLIENT, null, null, null, null, "static", false, "small", "small-a", "a", new ArrayList<>(),
				0, 0, 0, null, cascade, null, null, null, null, null);
	}

	private static void repeat(int n, Runnable action) {
		for (int i = 0; i < n; i++) {
			action.run();
		}
	}

}
