package dev.orchestration.bench.chaos;

import org.jspecify.annotations.Nullable;

/**
 * What one request of the workload got.
 *
 * @param instance which instance answered
 * @param tenant the tenant the request named
 * @param streamed whether it was {@code POST /chat/stream}
 * @param kind the outcome
 * @param status the HTTP status, 0 without one
 * @param latencyMillis from sending to the last byte
 * @param cacheLayer the cache layer that served it ({@code exact}, {@code semantic}),
 * null for a miss
 * @param tag the answer's generation tag ({@code #<instance>-<n>}), null when absent
 * @param cost USD of the receipt (0 for cache hits and streams, whose events carry no
 * receipt)
 * @param leaksStack whether the body carried a stack trace
 */
record Outcome(String instance, String tenant, boolean streamed, Kind kind, int status, long latencyMillis,
		@Nullable String cacheLayer, @Nullable String tag, double cost, boolean leaksStack) {

	/**
	 * Outcomes; every one but {@link #OK} and {@link #BUDGET_REFUSED} is a user-visible
	 * failure.
	 */
	enum Kind {

		/** A complete answer. */
		OK,
		/**
		 * 429 or 402 with {@code kind: budget-exceeded}: a refusal, expected only where a
		 * cap applies.
		 */
		BUDGET_REFUSED,
		/** 503 {@code routing-failed}: no member could answer. */
		ROUTING_FAILED,
		/** Any other 5xx. */
		HTTP_5XX,
		/** Any other 4xx. */
		HTTP_4XX,
		/** 200 without an answer text. */
		EMPTY_ANSWER,
		/** A stream that ended with {@code [ERROR]}. */
		STREAM_ERROR,
		/** A stream without its {@code [DONE]} event. */
		STREAM_INCOMPLETE,
		/** No complete answer within the deadline. */
		DEADLINE_EXCEEDED,
		/** Connection refused or reset. */
		CONNECTION_ERROR;

		boolean failure() {
			return this != OK && this != BUDGET_REFUSED;
		}

	}

	boolean cached() {
		return this.cacheLayer != null;
	}

}
