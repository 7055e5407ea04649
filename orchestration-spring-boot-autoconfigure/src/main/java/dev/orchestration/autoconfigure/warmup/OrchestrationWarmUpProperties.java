package dev.orchestration.autoconfigure.warmup;

import java.time.Duration;

import dev.orchestration.autoconfigure.internal.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Warm-up of the member clients before readiness ({@code llm.warm-up.*}).
 */
@ConfigurationProperties(prefix = OrchestrationWarmUpProperties.CONFIG_PREFIX)
public class OrchestrationWarmUpProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.warm-up";

	/**
	 * Whether to send one cheap request (max-tokens 1) to every member before the
	 * application reports itself ready. A member that is down or slow never fails
	 * start-up.
	 */
	private boolean enabled;

	/**
	 * Upper bound of the whole warm-up; members not answered by then stay cold.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationWarmUpProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		PropertyChecks.of(errors)
			.positive("timeout", ((OrchestrationWarmUpProperties) target).getTimeout(),
					"set a positive duration, for example 10s");
	}

}
