package dev.orchestration.rollout;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/llm-routes} shows and changes of the rollout: the configuration
 * version, the last reload and the last refused one, the canaries; reload and canary
 * actions.
 */
public interface RolloutAdministration {

	Report report();

	/**
	 * Pauses, resumes, advances or rolls back a canary ramp.
	 * @return the canary after the action, or {@code null} when the member is no canary
	 * @throws IllegalArgumentException for an unknown action
	 */
	@Nullable CanaryStatus act(String member, String action);

	/**
	 * Validates the configuration with these {@code llm.*} properties laid over the
	 * current ones (empty: re-reads the environment and the reload file) and puts it in
	 * force if valid.
	 */
	ReloadOutcome reload(Map<String, String> properties);

	/**
	 * The rollout as the endpoint shows it.
	 *
	 * @param configVersion the routing configuration version in force
	 * @param lastReload the last accepted reload, or {@code null}
	 * @param lastRefused the last refused reload, or {@code null}
	 * @param stickyAssignment what keeps a request on its member
	 * @param canaries every canary ramp
	 */
	record Report(long configVersion, @Nullable ReloadOutcome lastReload, @Nullable ReloadOutcome lastRefused,
			String stickyAssignment, List<CanaryStatus> canaries) {
	}

}
