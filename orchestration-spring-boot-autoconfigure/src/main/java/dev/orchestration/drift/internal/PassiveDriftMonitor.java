package dev.orchestration.drift.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.audit.AuditCascade;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditRecordListener;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.drift.MemberDrift;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Passive drift from live traffic: per member, over a sliding window of its answers the
 * cascade verified, the judge score, the escalation rate and the validator failure rate,
 * each against the member's own baseline (the first full window). Reads the audit
 * records, so it needs the audit trail on ({@code llm.audit.enabled}, the default); only
 * requests the cascade verified feed it. Meters: {@code llm.drift.passive} (member,
 * signal) and {@code llm.drift.passive.drifting} (member).
 */
public class PassiveDriftMonitor implements AuditRecordListener {

	private static final Set<String> MODEL_VERIFIERS = Set.of("judge", "agreement");

	private final int windowSize;

	private final double maxJudgeDrop;

	private final double maxRateRise;

	private final @Nullable MeterRegistry meters;

	private final Map<String, Signals> members = new ConcurrentHashMap<>();

	public PassiveDriftMonitor(int windowSize, double maxJudgeDrop, double maxRateRise,
			@Nullable MeterRegistry meters) {
		this.windowSize = windowSize;
		this.maxJudgeDrop = maxJudgeDrop;
		this.maxRateRise = maxRateRise;
		this.meters = meters;
	}

	@Override
	public void onRecord(AuditRecord record) {
		AuditCascade cascade = record.cascade();
		if (cascade == null) {
			return;
		}
		List<CascadeStep> steps = cascade.steps();
		for (int i = 0; i < steps.size(); i++) {
			CascadeStep step = steps.get(i);
			if (step.member() == null) {
				continue;
			}
			Signals signals = this.members.computeIfAbsent(step.member(), this::signals);
			boolean escalated = !step.accepted() && i < steps.size() - 1;
			signals.escalation.add(escalated ? 1 : 0);
			boolean validatorRejected = step.verdicts()
				.stream()
				.anyMatch((v) -> !v.accepted() && !MODEL_VERIFIERS.contains(v.verifier()));
			signals.validatorFailure.add(validatorRejected ? 1 : 0);
			step.verdicts()
				.stream()
				.filter((v) -> "judge".equals(v.verifier()))
				.mapToDouble(Verdict::score)
				.findFirst()
				.ifPresent(signals.judge::add);
		}
	}

	/** Every member seen, with its signals and whether it is drifting. */
	public List<MemberDrift> members() {
		return this.members.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> describe(entry.getKey(), entry.getValue()))
			.toList();
	}

	/** Whether any member is drifting now. */
	public boolean isDrifting() {
		return this.members.entrySet().stream().anyMatch((e) -> describe(e.getKey(), e.getValue()).drifting());
	}

	private MemberDrift describe(String member, Signals signals) {
		List<String> reasons = new ArrayList<>();
		if (signals.judge.comparable() && signals.judge.current() < signals.judge.baseline() - this.maxJudgeDrop) {
			reasons.add(format("judge-score %.2f < baseline %.2f - %.2f", signals.judge.current(),
					signals.judge.baseline(), this.maxJudgeDrop));
		}
		rise(reasons, "escalation-rate", signals.escalation);
		rise(reasons, "validator-failure-rate", signals.validatorFailure);
		return new MemberDrift(member, signals.judge.current(), signals.judge.baseline(), signals.escalation.current(),
				signals.escalation.baseline(), signals.validatorFailure.current(), signals.validatorFailure.baseline(),
				signals.escalation.size(), !reasons.isEmpty(), reasons);
	}

	private void rise(List<String> reasons, String signal, SignalWindow window) {
		if (window.comparable() && window.current() > window.baseline() + this.maxRateRise) {
			reasons.add(format(signal + " %.2f > baseline %.2f + %.2f", window.current(), window.baseline(),
					this.maxRateRise));
		}
	}

	private Signals signals(String member) {
		Signals signals = new Signals(this.windowSize);
		if (this.meters != null) {
			gauge(member, "judge-score", signals.judge);
			gauge(member, "escalation-rate", signals.escalation);
			gauge(member, "validator-failure-rate", signals.validatorFailure);
			Gauge.builder("llm.drift.passive.drifting", this, (m) -> describe(member, signals).drifting() ? 1 : 0)
				.tag("member", member)
				.description("1 while a passive drift signal of the member moved beyond its allowed change")
				.register(this.meters);
		}
		return signals;
	}

	private void gauge(String member, String signal, SignalWindow window) {
		Gauge.builder("llm.drift.passive", window, (w) -> (w.current() != null) ? w.current() : Double.NaN)
			.tag("member", member)
			.tag("signal", signal)
			.description("Passive drift signal of the member over its sliding window")
			.register(this.meters);
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

	private static final class Signals {

		final SignalWindow judge;

		final SignalWindow escalation;

		final SignalWindow validatorFailure;

		Signals(int size) {
			this.judge = new SignalWindow(size);
			this.escalation = new SignalWindow(size);
			this.validatorFailure = new SignalWindow(size);
		}

	}

}
