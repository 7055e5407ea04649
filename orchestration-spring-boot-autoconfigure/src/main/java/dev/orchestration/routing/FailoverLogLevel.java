package dev.orchestration.routing;

/**
 * The level of the one line a streamed attempt that failed over leaves in the log
 * ({@code llm.routing.failover-log-level}). A request that failed is always logged at
 * WARN with the stack of its last error.
 */
public enum FailoverLogLevel {

	/**
	 * One line per failed-over attempt at WARN, naming the member and the failure kind
	 * (the default).
	 */
	WARN,

	/** The same line at DEBUG. */
	DEBUG

}
