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
 * @param interruptions how many attempts before this one were streams interrupted after
 * their first chunk and reported as such ({@code [ERROR] StreamInterruptedException}),
 * which the harness retried as a client should (docs/reliability.md)
 */
record Outcome(String instance, String tenant, boolean streamed, Kind kind, int status, long latencyMillis,
		@Nullable String cacheLayer, @Nullable String tag, double cost, boolean leaksStack, int interruptions) {

	/** How often a client retries a stream reported as interrupted before giving up. */
	static final int STREAM_RETRIES = 3;

	Outcome(String instance, String tenant, boolean streamed, Kind kind, int status, long latencyMillis,
			@Nullable String cacheLayer, @Nullable String tag, double cost, boolean leaksStack) {
		this(instance, tenant, streamed, kind, status, latencyMillis, cacheLayer, tag, cost, leaksStack, 0);
	}

	/**
	 * This outcome as the last attempt of a request: the latency and interruptions of the
	 * attempts before it included.
	 */
	Outcome after(Outcome previous) {
		return new Outcome(this.instance, this.tenant, this.streamed, this.kind, this.status,
				previous.latencyMillis + this.latencyMillis, this.cacheLayer, this.tag, this.cost, this.leaksStack,
				previous.interruptions + 1);
	}

	/**
	 * Outcomes; every one but {@link #OK}, {@link #BUDGET_REFUSED} and
	 * {@link #STREAM_INTERRUPTED} is a user-visible failure.
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
		/** A stream that ended with {@code [ERROR]} (other than an interruption). */
		STREAM_ERROR,
		/**
		 * A stream cut by its member after its first chunk and reported so: text, then
		 * {@code [ERROR] StreamInterruptedException}. The router cannot fail over once
		 * the caller saw part of an answer, so this is the contract, not a failure of the
		 * promise (docs/reliability.md); a client discards the text and retries (the
		 * harness does, {@link Outcome#STREAM_RETRIES} times, and prints how many were
		 * still interrupted after that).
		 */
		STREAM_INTERRUPTED,
		/**
		 * A stream that ended with {@code [DONE]} although its answer lacks the tag every
		 * simulated answer ends with: cut silently.
		 */
		STREAM_TRUNCATED,
		/** A stream without its {@code [DONE]} event. */
		STREAM_INCOMPLETE,
		/** No complete answer within the deadline. */
		DEADLINE_EXCEEDED,
		/** Connection refused or reset. */
		CONNECTION_ERROR;

		boolean failure() {
			return this != OK && this != BUDGET_REFUSED && this != STREAM_INTERRUPTED;
		}

	}

	boolean cached() {
		return this.cacheLayer != null;
	}

}
