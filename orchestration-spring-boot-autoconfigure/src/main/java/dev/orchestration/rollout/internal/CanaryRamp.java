package dev.orchestration.rollout.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.orchestration.rollout.CanaryEvalGate;
import dev.orchestration.rollout.CanaryRampEvent;
import dev.orchestration.rollout.CanaryState;
import dev.orchestration.rollout.CanaryStatus;
import dev.orchestration.rollout.GuardValues;
import dev.orchestration.routing.CanaryShare;
import org.jspecify.annotations.Nullable;

/**
 * The ramp of one canary member: its steps, its guards, its live share and where it is.
 * Changed only by the evaluation thread and operators (synchronized); requests read the
 * share through {@link CanaryShare}.
 */
final class CanaryRamp {

	private final String member;

	private final String tier;

	private final List<CanaryStep> steps;

	private final CanaryGuards guards;

	private final CanaryShare share;

	private final GuardWindow window;

	private CanaryState state = CanaryState.RAMPING;

	private int step;

	private Instant stepStartedAt;

	private GuardValues lastValues = GuardValues.NONE;

	private @Nullable String rollbackReason;

	private @Nullable Instant rolledBackAt;

	CanaryRamp(String member, String tier, List<CanaryStep> steps, CanaryGuards guards, Clock clock) {
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("A canary ramp needs at least one step");
		}
		this.member = member;
		this.tier = tier;
		this.steps = List.copyOf(steps);
		this.guards = guards;
		this.share = new CanaryShare(steps.get(0).basisPoints());
		this.window = new GuardWindow(clock, guards.window());
		this.stepStartedAt = clock.instant();
	}

	String member() {
		return this.member;
	}

	String tier() {
		return this.tier;
	}

	CanaryShare share() {
		return this.share;
	}

	GuardWindow window() {
		return this.window;
	}

	/** Whether a reload with these settings keeps this ramp where it is. */
	boolean sameSettings(String tier, List<CanaryStep> steps, CanaryGuards guards) {
		return this.tier.equals(tier) && this.steps.equals(steps) && this.guards.equals(guards);
	}

	/**
	 * Checks the guards, then whether the step is due; returns what changed, or
	 * {@code null}.
	 */
	synchronized CanaryRampEvent.@Nullable Kind evaluate(Instant now, List<CanaryEvalGate> gates) {
		this.lastValues = this.window.values();
		if (this.state == CanaryState.ROLLED_BACK) {
			return null;
		}
		String broken = this.guards.broken(this.lastValues);
		if (broken != null) {
			rollBack(now, broken);
			return CanaryRampEvent.Kind.ROLLED_BACK;
		}
		if (this.state != CanaryState.RAMPING || !due(now) || this.lastValues.requests() < this.guards.minRequests()) {
			return null;
		}
		CanaryStatus status = status();
		for (CanaryEvalGate gate : gates) {
			CanaryEvalGate.Verdict verdict = gate.check(status);
			if (verdict.decision() == CanaryEvalGate.Decision.ROLL_BACK) {
				rollBack(now, "eval gate: " + verdict.reason());
				return CanaryRampEvent.Kind.ROLLED_BACK;
			}
			if (verdict.decision() == CanaryEvalGate.Decision.HOLD) {
				return null;
			}
		}
		return advance(now);
	}

	private boolean due(Instant now) {
		CanaryStep current = this.steps.get(this.step);
		return current.duration() != null && !now.isBefore(this.stepStartedAt.plus(current.duration()));
	}

	/** Takes the next step now (or completes the ramp at its last one). */
	synchronized CanaryRampEvent.Kind advance(Instant now) {
		if (this.state == CanaryState.ROLLED_BACK) {
			this.step = -1;
			this.window.clear();
		}
		if (this.step + 1 >= this.steps.size()) {
			this.state = CanaryState.COMPLETED;
			return CanaryRampEvent.Kind.COMPLETED;
		}
		this.step++;
		this.stepStartedAt = now;
		this.share.set(this.steps.get(this.step).basisPoints());
		boolean last = this.step == this.steps.size() - 1 && this.steps.get(this.step).duration() == null;
		this.state = last ? CanaryState.COMPLETED : CanaryState.RAMPING;
		return last ? CanaryRampEvent.Kind.COMPLETED : CanaryRampEvent.Kind.ADVANCED;
	}

	synchronized void rollBack(Instant now, String reason) {
		this.share.set(0);
		this.state = CanaryState.ROLLED_BACK;
		this.rollbackReason = reason;
		this.rolledBackAt = now;
	}

	synchronized boolean pause() {
		if (this.state != CanaryState.RAMPING) {
			return false;
		}
		this.state = CanaryState.PAUSED;
		return true;
	}

	/**
	 * Continues a paused ramp (its step starts again), or starts a rolled-back one again
	 * from its first step.
	 */
	synchronized boolean resume(Instant now) {
		if (this.state == CanaryState.PAUSED) {
			this.state = CanaryState.RAMPING;
			this.stepStartedAt = now;
			return true;
		}
		if (this.state == CanaryState.ROLLED_BACK) {
			this.window.clear();
			this.step = 0;
			this.stepStartedAt = now;
			this.share.set(this.steps.get(0).basisPoints());
			this.state = CanaryState.RAMPING;
			return true;
		}
		return false;
	}

	synchronized CanaryStatus status() {
		boolean hasNext = this.step + 1 < this.steps.size() && this.state != CanaryState.ROLLED_BACK
				&& this.state != CanaryState.COMPLETED;
		CanaryStep current = this.steps.get(Math.max(0, this.step));
		Instant nextAt = (hasNext && current.duration() != null && this.state == CanaryState.RAMPING)
				? this.stepStartedAt.plus(current.duration()) : null;
		return new CanaryStatus(this.member, this.tier, this.state, this.share.percent(), this.step,
				hasNext ? this.steps.get(this.step + 1).basisPoints() / 100.0 : null, nextAt, this.lastValues,
				this.rollbackReason, this.rolledBackAt);
	}

}
