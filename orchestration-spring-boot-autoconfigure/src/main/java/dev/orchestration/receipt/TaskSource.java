package dev.orchestration.receipt;

import java.util.Locale;

/**
 * Where the task of a request came from.
 */
public enum TaskSource {

	/** The caller gave it as a hint. */
	HINT,

	/** The embedding classifier inferred it from example utterances. */
	EMBEDDING,

	/** The small-model router inferred it. */
	ROUTER_MODEL;

	/**
	 * The name in reasons and meters: {@code hint}, {@code embedding} or
	 * {@code router-model}.
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Whether the task was inferred rather than given. */
	public boolean inferred() {
		return this != HINT;
	}

}
