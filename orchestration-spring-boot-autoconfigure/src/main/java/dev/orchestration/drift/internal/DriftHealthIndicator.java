package dev.orchestration.drift.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.drift.DriftCheckState;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.MemberDrift;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The warning state of drift: {@code UNKNOWN} with {@code degraded: true} while a drift
 * check is drifted or a member drifts passively, {@code UP} otherwise. {@code UNKNOWN} is
 * the project's degraded convention (as {@code llmbudget}, {@code llmcache},
 * {@code llmaudit}): it never turns the application's health down, since requests are
 * still served.
 */
public class DriftHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable DriftMonitor monitor;

	private final @Nullable PassiveDriftMonitor passive;

	public DriftHealthIndicator(@Nullable DriftMonitor monitor, @Nullable PassiveDriftMonitor passive) {
		super("LLM drift health check failed");
		this.monitor = monitor;
		this.passive = passive;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean checksDrifted = this.monitor != null && this.monitor.isDrifted();
		boolean membersDrifting = this.passive != null && this.passive.isDrifting();
		boolean degraded = checksDrifted || membersDrifting;
		builder.status(degraded ? Status.UNKNOWN : Status.UP).withDetail("degraded", degraded);
		if (this.monitor != null) {
			Map<String, Object> checks = new LinkedHashMap<>();
			for (DriftCheckState state : this.monitor.states()) {
				Map<String, Object> detail = new LinkedHashMap<>();
				detail.put("status", state.status());
				detail.put("baseline", state.baseline());
				detail.put("lastScore", state.lastScore());
				detail.put("lastRunAt", (state.lastRunAt() != null) ? state.lastRunAt().toString() : null);
				detail.put("excludedTier", state.excludedTier());
				checks.put(state.check(), detail);
			}
			builder.withDetail("checks", checks);
			builder.withDetail("excludedTiers", this.monitor.excludedTiers());
		}
		if (this.passive != null) {
			builder.withDetail("driftingMembers",
					this.passive.members().stream().filter(MemberDrift::drifting).map(MemberDrift::member).toList());
		}
		if (degraded) {
			builder.withDetail("reason", "model quality drifted from its baseline; requests are served");
		}
	}

}
