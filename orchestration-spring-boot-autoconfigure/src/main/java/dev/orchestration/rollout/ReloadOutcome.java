package dev.orchestration.rollout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What became of one reload of the routing configuration.
 *
 * @param accepted whether the new configuration is in force
 * @param version the configuration version in force afterwards
 * @param source where the change came from ({@code endpoint}, {@code file},
 * {@code environment})
 * @param at when
 * @param property for a refused change, the property at fault
 * @param problem for a refused change, what is wrong
 * @param fix for a refused change, how to fix it
 */
public record ReloadOutcome(boolean accepted, long version, String source, Instant at, @Nullable String property,
		@Nullable String problem, @Nullable String fix) {

	public static ReloadOutcome accepted(long version, String source, Instant at) {
		return new ReloadOutcome(true, version, source, at, null, null, null);
	}

	public static ReloadOutcome refused(long version, String source, Instant at, String property, String problem,
			String fix) {
		return new ReloadOutcome(false, version, source, at, property, problem, fix);
	}

}
