package dev.orchestration.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FailureClassification;
import dev.orchestration.resilience.FailureKind;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * One routed request from start to end: its route, its failover plan, its budget
 * reservation, its deadline and its routing observation. Calls and streams drive it the
 * same way (next member, call, answered or failed), and it ends exactly once — answered,
 * failed, refused, interrupted or cancelled — settling the reservation and publishing the
 * receipt to the listeners (meters, statistics, recent decisions) and the observation.
 */
final class RoutingExchange {

	private final RoutingExchanges shared;

	/** Read once: a reload during the request does not change it. */
	private final RoutingConfiguration configuration;

	private final Prompt prompt;

	private final RouteRequest request;

	private final Instant timestamp;

	private final long startNanos;

	private final long deadlineNanos;

	private final boolean streamed;

	/**
	 * Created only when the observation is recorded: with no observation handler the
	 * request pays for no context.
	 */
	private @Nullable RoutingObservationContext context;

	private final Observation observation;

	private final AtomicBoolean ended = new AtomicBoolean();

	private @Nullable Route route;

	private @Nullable FailoverPlan plan;

	private @Nullable BudgetReservation reservation;

	private @Nullable Throwable lastError;

	private boolean deadlinePassed;

	private RoutingExchange(RoutingExchanges shared, Prompt prompt, boolean streamed) {
		this.shared = shared;
		this.configuration = shared.configurations().current();
		this.prompt = prompt;
		this.streamed = streamed;
		this.timestamp = shared.publisher().now();
		this.startNanos = System.nanoTime();
		this.deadlineNanos = this.startNanos + shared.deadline().toNanos();
		this.request = RouteRequest.of(prompt);
		this.observation = Observation.createNotStarted(shared.convention(), null, this::newContext,
				shared.observations());
	}

	private RoutingObservationContext newContext() {
		RoutingObservationContext created = new RoutingObservationContext(this.request, this.streamed);
		this.context = created;
		return created;
	}

	static RoutingExchange open(RoutingExchanges shared, Prompt prompt, boolean streamed) {
		RoutingExchange exchange = new RoutingExchange(shared, prompt, streamed);
		exchange.observation.start();
		try {
			exchange.begin();
		}
		catch (RuntimeException ex) {
			if (exchange.claimEnd()) {
				exchange.observation.error(ex);
				exchange.observation.stop();
			}
			throw ex;
		}
		return exchange;
	}

	private void begin() {
		Route resolved = this.configuration.resolver().resolve(this.request);
		this.route = resolved;
		if (this.context != null) {
			this.context.setRoute(resolved);
		}
		try {
			this.reservation = this.shared.budget().reserve(this.request, resolved);
		}
		catch (RequestRefusedException ex) {
			this.plan = newPlan(resolved);
			throw refused(ex);
		}
		Route admitted = this.reservation.route();
		this.route = admitted;
		if (this.context != null) {
			this.context.setRoute(admitted);
		}
		this.plan = newPlan(admitted);
	}

	private FailoverPlan newPlan(Route route) {
		RoutingConfiguration config = this.configuration;
		MemberSelector selector = config.selector();
		long key = selector.active() ? selector.key(this.prompt.getOptions(), this.request.tenant()) : 0;
		return new FailoverPlan(config.tiers(), this.shared.health(), config.policy(), selector, key, route.tier());
	}

	Prompt prompt() {
		return this.prompt;
	}

	RouteRequest request() {
		return this.request;
	}

	Route route() {
		return route(this.route);
	}

	Observation observation() {
		return this.observation;
	}

	/**
	 * The next member to try, or {@code null} when none is left or the deadline has
	 * passed.
	 */
	@Nullable TierMember next() {
		if (remainingNanos() <= 0) {
			this.deadlinePassed = true;
			return null;
		}
		return plan().next();
	}

	/** What is left of the request's deadline. */
	Duration remaining() {
		return Duration.ofNanos(remainingNanos());
	}

	private long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

	/**
	 * Checks a member call against the budget.
	 * @throws RequestRefusedException when the budget refuses it (the refusal is
	 * published)
	 */
	void admit(TierMember member) {
		try {
			reservation().beforeCall(member, this.prompt, plan().cost());
		}
		catch (RequestRefusedException ex) {
			throw refused(ex);
		}
	}

	/** Calls a member (after the budget check) and records the attempt. */
	MemberCall call(TierMember member) {
		admit(member);
		MemberCall call = this.shared.invoker().call(member, this.prompt);
		plan().record(call.attempt());
		return call;
	}

	/**
	 * Ends the request with the member's answer; the returned response carries the
	 * receipt.
	 */
	ChatResponse answered(MemberCall call) {
		return withReceipt(call.response(), streamAnswered(call.member()));
	}

	/**
	 * Applies a failed call: cool-down, unhealthy mark or redirect.
	 * @throws RoutingFailedException when the failure must not be retried elsewhere (the
	 * failure is published)
	 */
	void failed(MemberCall call) {
		this.lastError = (call.error() != null) ? call.error() : this.lastError;
		FailureClassification failure = call.failure();
		if (failure != null) {
			failed(call.member(), (call.error() != null) ? call.error() : new IllegalStateException("failed"), failure);
		}
	}

	/**
	 * Applies a member's failure: cool-down, unhealthy mark or redirect; a fatal one ends
	 * the request.
	 */
	void failed(TierMember member, Throwable error, FailureClassification failure) {
		this.lastError = error;
		if (failure.kind() == FailureKind.FATAL) {
			throw fail("Request rejected by " + member.id() + " (not retried elsewhere)", error);
		}
		plan().failed(member, failure);
	}

	/** Records an attempt made outside {@link #call} (streams). */
	void record(Attempt attempt) {
		plan().record(attempt);
	}

	/** What the attempts so far cost. */
	double cost() {
		return plan().cost();
	}

	/** Ends the request answered by the member; returns the receipt the caller sees. */
	RoutingReceipt streamAnswered(TierMember member) {
		RoutingReceipt turn = receipt(member);
		if (!claimEnd()) {
			return turn;
		}
		RoutingReceipt shown = shown(turn);
		finish(turn, RoutingOutcome.ANSWERED, null);
		return shown;
	}

	/** Ends a stream the caller stopped reading while the member was answering. */
	void cancelled(TierMember member) {
		RoutingReceipt turn = receipt(member);
		if (claimEnd()) {
			shown(turn);
			finish(turn, RoutingOutcome.CANCELLED, null);
		}
	}

	/** Ends a stream that broke after tokens reached the caller. */
	StreamInterruptedException interrupted(TierMember member, Throwable cause) {
		RoutingReceipt turn = receipt(null);
		boolean claimed = claimEnd();
		StreamInterruptedException interrupted = new StreamInterruptedException(member.id(),
				claimed ? shown(turn) : turn, cause);
		if (claimed) {
			finish(turn, RoutingOutcome.INTERRUPTED, interrupted);
		}
		return interrupted;
	}

	/** Ends the request when no member is left (or the deadline passed). */
	RoutingFailedException exhausted() {
		String reason = this.deadlinePassed
				? "The deadline of " + this.shared.deadline() + " passed before a member of tier '" + route().tier()
						+ "' or the tiers after it could answer"
				: "No member of tier '" + route().tier() + "' or the tiers after it could "
						+ (this.streamed ? "start a stream" : "answer");
		return fail(reason, this.lastError);
	}

	/**
	 * Ends the request with an error the router did not expect (a bug or a broken
	 * collaborator).
	 */
	RuntimeException aborted(RuntimeException error) {
		if (this.plan != null && claimEnd()) {
			finish(receipt(null), RoutingOutcome.FAILED, error);
		}
		return error;
	}

	private RoutingFailedException fail(String reason, @Nullable Throwable cause) {
		RoutingReceipt turn = receipt(null);
		boolean claimed = claimEnd();
		RoutingFailedException failure = new RoutingFailedException(reason, claimed ? shown(turn) : turn, cause);
		if (claimed) {
			finish(turn, RoutingOutcome.FAILED, failure);
		}
		return failure;
	}

	private RequestRefusedException refused(RequestRefusedException refusal) {
		RoutingReceipt turn = receipt(null);
		if (claimEnd()) {
			refusal.attach(shown(turn));
			finish(turn, RoutingOutcome.REFUSED, refusal);
		}
		return refusal;
	}

	private RoutingReceipt receipt(@Nullable TierMember servedBy) {
		return DecisionPublisher.receipt(route(), servedBy, plan().attempts(), this.streamed, this.request.taskSignal(),
				this.configuration.version());
	}

	/**
	 * The receipt the caller sees: every turn of the client request so far (tool loops),
	 * this one included.
	 */
	private RoutingReceipt shown(RoutingReceipt turn) {
		TurnLedger turns = (this.prompt.getOptions() instanceof RoutingChatOptions options) ? options.getTurns() : null;
		return (turns != null) ? turns.add(turn) : turn;
	}

	private boolean claimEnd() {
		return this.ended.compareAndSet(false, true);
	}

	/**
	 * Settles the reservation with this turn's cost, tells the listeners and stops the
	 * observation.
	 */
	private void finish(RoutingReceipt turn, RoutingOutcome outcome, @Nullable Throwable error) {
		try {
			if (this.reservation != null) {
				this.reservation.settle(turn);
			}
		}
		finally {
			this.shared.publisher().publish(this.timestamp, this.startNanos, this.request, turn, outcome, error);
			if (this.context != null) {
				this.context.ended(turn, outcome);
			}
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}
	}

	private FailoverPlan plan() {
		FailoverPlan current = this.plan;
		if (current == null) {
			throw new IllegalStateException("The exchange was not opened");
		}
		return current;
	}

	private BudgetReservation reservation() {
		BudgetReservation current = this.reservation;
		if (current == null) {
			throw new IllegalStateException("The exchange holds no reservation");
		}
		return current;
	}

	private static Route route(@Nullable Route route) {
		if (route == null) {
			throw new IllegalStateException("The exchange has no route yet");
		}
		return route;
	}

	static ChatResponse withReceipt(@Nullable ChatResponse response, RoutingReceipt receipt) {
		if (response == null) {
			throw new IllegalStateException("An answered call has a response");
		}
		return ChatResponse.builder().from(response).metadata(RoutingReceipt.METADATA_KEY, receipt).build();
	}

}
