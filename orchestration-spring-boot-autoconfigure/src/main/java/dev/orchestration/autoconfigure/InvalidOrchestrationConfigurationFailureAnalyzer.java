package dev.orchestration.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports bad {@code llm.*} configuration at start-up as a property, a problem and a fix.
 */
class InvalidOrchestrationConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidOrchestrationConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidOrchestrationConfigurationException cause) {
		return new FailureAnalysis("Invalid LLM orchestration configuration at '" + cause.getProperty() + "': "
				+ cause.getProblem() + ".", cause.getAction(), cause);
	}

}
