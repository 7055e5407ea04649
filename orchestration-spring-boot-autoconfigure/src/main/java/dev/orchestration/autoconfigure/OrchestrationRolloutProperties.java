package dev.orchestration.autoconfigure;

import java.time.Duration;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import dev.orchestration.routing.StickyAssignment;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Weights, canary ramps and reloads without restart ({@code llm.rollout.*}); per-member
 * weights and canaries sit on the members ({@code llm.tiers.<tier>.models[i].weight},
 * {@code .canary}).
 */
@ConfigurationProperties(OrchestrationRolloutProperties.CONFIG_PREFIX)
public class OrchestrationRolloutProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.rollout";

	/**
	 * What keeps a request on the member it went to before in a weighted tier:
	 * conversation (chat memory conversation id, else tenant), tenant, or none (random
	 * per request).
	 */
	private StickyAssignment stickyAssignment = StickyAssignment.CONVERSATION;

	/**
	 * How often canary guards are evaluated (advance, hold or roll back); 0 turns the
	 * schedule off.
	 */
	private Duration evaluationInterval = Duration.ofSeconds(5);

	/**
	 * Reloads of the routing configuration without a restart.
	 */
	private final Reload reload = new Reload();

	public StickyAssignment getStickyAssignment() {
		return this.stickyAssignment;
	}

	public void setStickyAssignment(StickyAssignment stickyAssignment) {
		this.stickyAssignment = stickyAssignment;
	}

	public Duration getEvaluationInterval() {
		return this.evaluationInterval;
	}

	public void setEvaluationInterval(Duration evaluationInterval) {
		this.evaluationInterval = evaluationInterval;
	}

	public Reload getReload() {
		return this.reload;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationRolloutProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationRolloutProperties properties = (OrchestrationRolloutProperties) target;
		PropertyChecks.of(errors)
			.notNegative("evaluation-interval", properties.evaluationInterval, "set an interval such as 5s, or 0")
			.positive("reload.poll-interval", properties.reload.pollInterval, "set an interval such as 2s");
	}

	/**
	 * Where reloads come from besides the endpoint and Spring Cloud's refresh.
	 */
	public static class Reload {

		/**
		 * A properties or YAML file of llm.* keys, watched for changes; its values win
		 * over the environment's.
		 */
		private @Nullable String file;

		/**
		 * How often the reload file is checked for changes.
		 */
		private Duration pollInterval = Duration.ofSeconds(2);

		public @Nullable String getFile() {
			return this.file;
		}

		public void setFile(@Nullable String file) {
			this.file = file;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

}
