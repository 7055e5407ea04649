package dev.orchestration.rollout.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.rollout.CanaryEvalGate;
import dev.orchestration.rollout.CanaryRampEvent;
import dev.orchestration.rollout.CanaryStatus;
import dev.orchestration.routing.CanaryShare;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the canary ramps: feeds their guard windows from routing decisions (and cascade
 * verdicts), evaluates them on a schedule (advance, hold or roll back), publishes a
 * {@link CanaryRampEvent} per change, and meters {@code llm.canary.share} (percent) and
 * {@code llm.canary.rollbacks}.
 */
public class CanaryController implements RoutingDecisionListener {

	private static final Log logger = LogFactory.getLog(CanaryController.class);

	private final Clock clock;

	private final List<CanaryEvalGate> gates;

	private final Consumer<CanaryRampEvent> events;

	private final @Nullable MeterRegistry meters;

	private volatile Map<String, CanaryRamp> ramps = Map.of();

	private volatile Runnable onInstall = () -> {
	};

	public CanaryController(Clock clock, List<CanaryEvalGate> gates, Consumer<CanaryRampEvent> events,
			@Nullable MeterRegistry meters) {
		this.clock = clock;
		this.gates = List.copyOf(gates);
		this.events = events;
		this.meters = meters;
	}

	/** The settings of one canary, for {@link #install}. */
	public record Canary(String member, String tier, List<CanaryStep> steps, CanaryGuards guards) {
	}

	/**
	 * Puts these canaries in place of the current ones: a canary whose tier, steps and
	 * guards are unchanged keeps its ramp (share, step, window); others start at their
	 * first step. Returns each canary's live share.
	 */
	public synchronized Map<String, CanaryShare> install(List<Canary> canaries) {
		Map<String, CanaryRamp> next = new LinkedHashMap<>();
		for (Canary canary : canaries) {
			CanaryRamp kept = this.ramps.get(canary.member());
			next.put(canary.member(),
					(kept != null && kept.sameSettings(canary.tier(), canary.steps(), canary.guards())) ? kept
							: new CanaryRamp(canary.member(), canary.tier(), canary.steps(), canary.guards(),
									this.clock));
		}
		this.ramps = Map.copyOf(next);
		next.values().forEach(this::registerGauge);
		Map<String, CanaryShare> shares = new LinkedHashMap<>();
		next.forEach((member, ramp) -> shares.put(member, ramp.share()));
		this.onInstall.run();
		return shares;
	}

	private void registerGauge(CanaryRamp ramp) {
		if (this.meters != null) {
			String member = ramp.member();
			Gauge.builder("llm.canary.share", this, (controller) -> controller.sharePercent(member))
				.tag("tier", ramp.tier())
				.tag("member", member)
				.description("Share of its tier's first attempts a canary member takes (percent)")
				.register(this.meters);
		}
	}

	private double sharePercent(String member) {
		CanaryRamp ramp = this.ramps.get(member);
		return (ramp != null) ? ramp.share().percent() : 0;
	}

	@Override
	public void onDecision(RoutingDecision decision) {
		Map<String, CanaryRamp> current = this.ramps;
		if (current.isEmpty()) {
			return;
		}
		for (Attempt attempt : decision.receipt().attempts()) {
			CanaryRamp ramp = current.get(attempt.member());
			if (ramp != null
					&& (attempt.outcome() == AttemptOutcome.SUCCESS || attempt.outcome() == AttemptOutcome.FAILED)) {
				ramp.window().call(attempt.outcome() == AttemptOutcome.FAILED, attempt.latencyMillis());
			}
		}
	}

	/**
	 * Records a cascade verdict on an answer of a member (ignored unless it is a canary).
	 */
	public void verdict(String member, double score, boolean escalated) {
		CanaryRamp ramp = this.ramps.get(member);
		if (ramp != null) {
			ramp.window().verdict(score, escalated);
		}
	}

	/**
	 * Runs after every {@link #install} (the schedule starts evaluating once there is a
	 * canary).
	 */
	public void onInstall(Runnable action) {
		this.onInstall = action;
	}

	/** Whether any canary is configured. */
	public boolean hasCanaries() {
		return !this.ramps.isEmpty();
	}

	/** Evaluates every ramp once: guards, due steps, gates. */
	public void evaluate() {
		Instant now = this.clock.instant();
		for (CanaryRamp ramp : this.ramps.values()) {
			try {
				CanaryRampEvent.Kind change = ramp.evaluate(now, this.gates);
				if (change != null) {
					CanaryStatus status = ramp.status();
					publish(change, status, (change == CanaryRampEvent.Kind.ROLLED_BACK)
							? String.valueOf(status.rollbackReason()) : "guards held: " + status.guards(), now,
							"guard");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Evaluating the canary " + ramp.member() + " failed", ex);
			}
		}
	}

	/** The canaries in order. */
	public List<CanaryStatus> statuses() {
		return this.ramps.values().stream().map(CanaryRamp::status).toList();
	}

	public @Nullable CanaryStatus status(String member) {
		CanaryRamp ramp = this.ramps.get(member);
		return (ramp != null) ? ramp.status() : null;
	}

	/**
	 * An operator's action on a canary: {@code pause}, {@code resume}, {@code advance} or
	 * {@code roll-back}.
	 * @return the canary after it, or {@code null} when the member is no canary
	 * @throws IllegalArgumentException for an unknown action
	 */
	public @Nullable CanaryStatus act(String member, String action) {
		CanaryRamp ramp = this.ramps.get(member);
		if (ramp == null) {
			return null;
		}
		Instant now = this.clock.instant();
		switch (action) {
			case "pause" -> {
				if (ramp.pause()) {
					publish(CanaryRampEvent.Kind.PAUSED, ramp.status(), "paused by an operator", now, "manual");
				}
			}
			case "resume" -> {
				if (ramp.resume(now)) {
					publish(CanaryRampEvent.Kind.RESUMED, ramp.status(), "resumed by an operator", now, "manual");
				}
			}
			case "advance" -> publish(ramp.advance(now), ramp.status(), "advanced by an operator", now, "manual");
			case "roll-back" -> {
				ramp.rollBack(now, "rolled back by an operator");
				publish(CanaryRampEvent.Kind.ROLLED_BACK, ramp.status(), "rolled back by an operator", now, "manual");
			}
			default -> throw new IllegalArgumentException(
					"unknown action '" + action + "'; use pause, resume, advance or roll-back");
		}
		return ramp.status();
	}

	private void publish(CanaryRampEvent.Kind kind, CanaryStatus status, String reason, Instant at, String cause) {
		if (kind == CanaryRampEvent.Kind.ROLLED_BACK && this.meters != null) {
			this.meters
				.counter("llm.canary.rollbacks", "tier", status.tier(), "member", status.member(), "cause", cause)
				.increment();
		}
		logger.info(
				"Canary " + status.member() + " " + kind + ": share " + status.sharePercent() + " % (" + reason + ")");
		try {
			this.events.accept(new CanaryRampEvent(kind, status, reason, at));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of canary events failed", ex);
		}
	}

}
