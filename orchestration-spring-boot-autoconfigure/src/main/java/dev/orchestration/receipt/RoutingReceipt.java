package dev.orchestration.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a routed response carries in its metadata: the route, every attempt with its
 * outcome, the tokens and the cost summed over attempts. Read it with
 * {@link #from(ChatResponse)}.
 *
 * @param route the routing decision
 * @param tier the tier that answered, or {@code null} when nothing answered
 * @param member the member that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param attempts every attempt in order, skipped members included
 * @param promptTokens prompt tokens over all attempts
 * @param completionTokens completion tokens over all attempts
 * @param cost cost in USD over all attempts
 * @param streamed whether the response was streamed
 * @param task the task the request was routed with, and where it came from, or
 * {@code null}
 * @param turns how many model turns the request took (more than one in a tool loop); 0
 * for a cache hit
 * @param originalCost for a response served from a cache, what the stored answer cost
 * when it was first made; {@code null} otherwise ({@link #cost()} is what this request
 * cost: 0 for a cache hit)
 * @param configVersion the version of the routing configuration the request was routed
 * under (1 at start-up, one more per reload; for a tool loop the version of its first
 * turn; for a cache hit the version the stored answer was made under); 0 when unknown
 */
public record RoutingReceipt(Route route, @Nullable String tier, @Nullable String member, @Nullable String model,
		List<Attempt> attempts, long promptTokens, long completionTokens, double cost, boolean streamed,
		@Nullable TaskSignal task, int turns, @Nullable Double originalCost, long configVersion) {

	/** The key under which the receipt is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.receipt";

	public RoutingReceipt {
		attempts = List.copyOf(attempts);
	}

	/** A receipt whose configuration version is unknown (0). */
	public RoutingReceipt(Route route, @Nullable String tier, @Nullable String member, @Nullable String model,
			List<Attempt> attempts, long promptTokens, long completionTokens, double cost, boolean streamed,
			@Nullable TaskSignal task, int turns, @Nullable Double originalCost) {
		this(route, tier, member, model, attempts, promptTokens, completionTokens, cost, streamed, task, turns,
				originalCost, 0);
	}

	/** A receipt of one model turn without a task. */
	public RoutingReceipt(Route route, @Nullable String tier, @Nullable String member, @Nullable String model,
			List<Attempt> attempts, long promptTokens, long completionTokens, double cost, boolean streamed) {
		this(route, tier, member, model, attempts, promptTokens, completionTokens, cost, streamed, null, 1, null);
	}

	/** Whether the response was served from a cache (this request then cost nothing). */
	public boolean servedFromCache() {
		return this.originalCost != null;
	}

	/**
	 * The receipt of a later turn of the same request (a tool loop): the first route and
	 * task, the member that answered last, every attempt, and tokens and cost summed.
	 */
	public RoutingReceipt plus(RoutingReceipt next) {
		List<Attempt> all = new ArrayList<>(this.attempts.size() + next.attempts.size());
		all.addAll(this.attempts);
		all.addAll(next.attempts);
		return new RoutingReceipt(this.route, next.tier, next.member, next.model, all,
				this.promptTokens + next.promptTokens, this.completionTokens + next.completionTokens,
				this.cost + next.cost, next.streamed, (this.task != null) ? this.task : next.task,
				this.turns + next.turns, null, (this.configVersion != 0) ? this.configVersion : next.configVersion);
	}

	/**
	 * The receipt of this answer served again from a cache: no attempts, no tokens, no
	 * cost now; the cost of the original answer kept in {@link #originalCost()}.
	 */
	public RoutingReceipt asCacheHit() {
		double original = (this.originalCost != null) ? this.originalCost : this.cost;
		return new RoutingReceipt(this.route, this.tier, this.member, this.model, List.of(), 0, 0, 0, this.streamed,
				this.task, 0, original, this.configVersion);
	}

	/** Whether a member answered. */
	public boolean succeeded() {
		return this.member != null;
	}

	/**
	 * How many times the request moved on from a called or skipped member to another one:
	 * the attempts that did not succeed. The later turns of a tool loop and a cascade's
	 * escalation after a verified answer are not failovers.
	 */
	public int failovers() {
		int failovers = 0;
		for (Attempt attempt : this.attempts) {
			if (attempt.outcome() != AttemptOutcome.SUCCESS) {
				failovers++;
			}
		}
		return failovers;
	}

	/** The receipt of a response, if the response came through the router. */
	public static Optional<RoutingReceipt> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		Object value = response.getMetadata().get(METADATA_KEY);
		return (value instanceof RoutingReceipt receipt) ? Optional.of(receipt) : Optional.empty();
	}

	/** The receipt of a {@code ChatClient} response, if it came through the router. */
	public static Optional<RoutingReceipt> from(ChatClientResponse response) {
		return from(response.chatResponse());
	}

}
