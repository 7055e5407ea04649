package dev.orchestration.audit;

/**
 * Where a record was taken.
 */
public enum AuditSource {

	/**
	 * A {@code RoutingChatClient} request: caches, cascade and every model turn in one
	 * record.
	 */
	CLIENT,

	/**
	 * A call of the {@code RoutingChatModel} outside a client request (injected as a
	 * plain ChatModel, streams).
	 */
	MODEL

}
