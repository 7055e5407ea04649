package dev.orchestration.budget;

/**
 * Whose spend a cap limits.
 */
public enum BudgetScope {

	/** Every request of the application, across all instances sharing the store. */
	GLOBAL,

	/** The requests of one tenant (the tenant hint of {@code RoutingChatOptions}). */
	TENANT;

	/** Lower-case id used in keys, tags and the endpoint. */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
