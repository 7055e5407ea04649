package dev.orchestration.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports bad {@code llm.*} configuration at start-up as a property, a problem and a fix:
 * both what the binder rejected (the properties classes validate themselves, see
 * {@link PropertyChecks}) and what the auto-configurations found later
 * ({@link InvalidOrchestrationConfigurationException}: unknown beans, tiers, verifiers),
 * and values under {@code llm.*} the binder could not convert. Ordered before Boot's own
 * bind analyzers so the fix is shown instead of "Update your application's
 * configuration".
 */
class InvalidOrchestrationConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		InvalidOrchestrationConfigurationException invalid = findCause(failure,
				InvalidOrchestrationConfigurationException.class);
		if (invalid != null) {
			return new FailureAnalysis("Invalid LLM orchestration configuration at '" + invalid.getProperty() + "': "
					+ invalid.getProblem() + ".", invalid.getAction(), invalid);
		}
		BindValidationException validation = findCause(failure, BindValidationException.class);
		if (validation != null && isOurs(validation.getValidationErrors())) {
			return analyze(validation);
		}
		BindException bind = findCause(failure, BindException.class);
		if (bind != null && validation == null && isOurs(bind.getName())) {
			return analyze(bind);
		}
		return null;
	}

	/**
	 * A value the binder could not convert, for example an empty tier ({@code small:} in
	 * YAML).
	 */
	private static FailureAnalysis analyze(BindException bind) {
		String property = bind.getName().toString();
		Class<?> type = bind.getTarget().getType().resolve(Object.class);
		ConfigurationProperty bound = bind.getProperty();
		String origin = (bound != null) ? " (value \"" + bound.getValue() + "\""
				+ ((bound.getOrigin() != null) ? " from " + bound.getOrigin() : "") + ")" : "";
		Throwable reason = bind.getCause();
		while (reason != null && reason.getCause() != null) {
			reason = reason.getCause();
		}
		boolean tier = OrchestrationProperties.Tier.class.equals(type);
		String problem = tier ? "the tier has no models" : "the value cannot be bound to " + type.getSimpleName()
				+ ((reason != null) ? " (" + reason.getMessage() + ")" : "");
		String fix = tier
				? "add at least one member, e.g. " + property
						+ ".models[0].chat-model=<ChatModel bean name>, or remove the tier"
				: "give a " + type.getSimpleName() + " value; docs/configuration.md lists every key with its type";
		return new FailureAnalysis("Invalid LLM orchestration configuration at '"
				+ (tier ? property + ".models" : property) + "': " + problem + origin + ".", fix, bind);
	}

	private static FailureAnalysis analyze(BindValidationException validation) {
		ValidationErrors errors = validation.getValidationErrors();
		List<String> problems = new ArrayList<>();
		List<String> fixes = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			String property = (error instanceof FieldError field) ? error.getObjectName() + "." + field.getField()
					: error.getObjectName();
			ConfigurationProperty bound = bound(errors, property);
			String origin = (bound != null) ? " (value \"" + bound.getValue() + "\""
					+ ((bound.getOrigin() != null) ? " from " + bound.getOrigin() : "") + ")" : "";
			problems.add("'" + property + "': " + error.getDefaultMessage() + origin);
			Object[] arguments = error.getArguments();
			fixes.add(((arguments != null && arguments.length > 0) ? String.valueOf(arguments[0]) : "correct the value")
					+ " (" + property + ")");
		}
		String description = (problems.size() == 1)
				? "Invalid LLM orchestration configuration at " + problems.get(0) + "."
				: "Invalid LLM orchestration configuration:\n    " + String.join("\n    ", problems);
		return new FailureAnalysis(description, String.join("\n", fixes), validation);
	}

	private static @Nullable ConfigurationProperty bound(ValidationErrors errors, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationProperty candidate : errors.getBoundProperties()) {
			if (candidate.getName().equals(name)) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean isOurs(ConfigurationPropertyName name) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(OrchestrationProperties.CONFIG_PREFIX);
		return root.equals(name) || root.isAncestorOf(name);
	}

	private static boolean isOurs(ValidationErrors errors) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(OrchestrationProperties.CONFIG_PREFIX);
		return (root.equals(errors.getName()) || root.isAncestorOf(errors.getName())) && errors.getAllErrors()
			.stream()
			.anyMatch((error) -> error.getCode() != null && PropertyChecks.CODE.equals(error.getCode()));
	}

	private static <E extends Throwable> @Nullable E findCause(@Nullable Throwable failure, Class<E> type) {
		while (failure != null) {
			if (type.isInstance(failure)) {
				return type.cast(failure);
			}
			failure = failure.getCause();
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
