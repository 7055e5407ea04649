package dev.orchestration.autoconfigure;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up failure of a context with bad {@code llm.*} configuration, whether the
 * binder rejected a value or an auto-configuration did, as the property, the problem and
 * the fix.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/** What the failure analyzer prints for the context's start-up failure. */
	public static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidOrchestrationConfigurationFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("our failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	/** The first bad property, its problem and fix. */
	public static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null) {
			if (cause instanceof InvalidOrchestrationConfigurationException invalid) {
				return invalid;
			}
			if (cause instanceof BindValidationException validation) {
				ObjectError error = validation.getValidationErrors().getAllErrors().get(0);
				String property = error.getObjectName()
						+ ((error instanceof FieldError field) ? "." + field.getField() : "");
				return new InvalidOrchestrationConfigurationException(property, error.getDefaultMessage(),
						String.valueOf(error.getArguments()[0]));
			}
			cause = cause.getCause();
		}
		throw new AssertionError("start-up failure not caused by bad llm.* configuration", context.getStartupFailure());
	}

}
