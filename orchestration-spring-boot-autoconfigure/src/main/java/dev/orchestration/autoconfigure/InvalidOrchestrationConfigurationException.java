package dev.orchestration.autoconfigure;

/**
 * Thrown at start-up when {@code llm.*} configuration is wrong; names the property and
 * the fix.
 */
public class InvalidOrchestrationConfigurationException extends RuntimeException {

	private final String property;

	private final String problem;

	private final String action;

	public InvalidOrchestrationConfigurationException(String property, String problem, String action) {
		super("Invalid configuration at '" + property + "': " + problem + ". Fix: " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The property at fault, for example {@code llm.tiers.small.models[0].chat-model}.
	 */
	public String getProperty() {
		return this.property;
	}

	public String getProblem() {
		return this.problem;
	}

	/** What to change. */
	public String getAction() {
		return this.action;
	}

}
