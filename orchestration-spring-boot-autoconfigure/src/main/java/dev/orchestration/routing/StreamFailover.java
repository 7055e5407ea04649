package dev.orchestration.routing;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FailureClassification;
import dev.orchestration.resilience.FailureKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Streams one request of a {@link RoutingExchange}: fails over to the next member while
 * nothing has reached the caller, and ends with a {@link StreamInterruptedException}
 * (never a clean end) when a stream breaks after that. A member that sends no chunk for
 * the stall timeout (or past the request's deadline) counts as broken. One chunk is held
 * back so that the last chunk can carry the receipt; a
 * {@link RoutingChatOptions#isBufferedStream() buffered} stream holds all of a member's
 * chunks until it completes, so a cut fails over.
 */
final class StreamFailover {

	private final RoutingExchange exchange;

	private final RoutingExchanges shared;

	StreamFailover(RoutingExchange exchange, RoutingExchanges shared) {
		this.exchange = exchange;
		this.shared = shared;
	}

	/**
	 * The stream of the request; a request that fails is logged with its stack,
	 * failed-over attempts in one line.
	 */
	Flux<ChatResponse> stream() {
		return nextAttempt().doOnError(this.shared.failoverLog()::requestFailed);
	}

	private Flux<ChatResponse> nextAttempt() {
		return Flux.defer(() -> {
			try {
				TierMember member = this.exchange.next();
				if (member == null) {
					return Flux.error(this.exchange.exhausted());
				}
				this.exchange.admit(member);
				BreakerPermit permit = BreakerPermit.acquire(this.shared.invoker().breakers().breaker(member.id()));
				if (permit == null) {
					this.exchange.record(
							Attempt.skipped(member.tier(), member.id(), member.model(), AttemptOutcome.BREAKER_OPEN));
					return nextAttempt();
				}
				return attempt(member, permit);
			}
			catch (RoutingFailedException | RequestRefusedException ex) {
				return Flux.error(ex);
			}
			catch (RuntimeException ex) {
				return Flux.error(this.exchange.aborted(ex));
			}
		});
	}

	private Flux<ChatResponse> attempt(TierMember member, BreakerPermit permit) {
		StreamProgress progress = new StreamProgress();
		AtomicReference<ChatResponse> held = new AtomicReference<>();
		Duration stall = stallTimeout();
		Flux<ChatResponse> upstream = Flux
			.defer(() -> member.chatModel().stream(this.shared.invoker().retarget(this.exchange.prompt(), member)))
			.timeout(Mono.delay(stall), (chunk) -> Mono.delay(stallTimeout()))
			.onErrorMap(TimeoutException.class, (ex) -> new StreamStalledException(member.id(), stall))
			.doOnNext(progress::observe)
			.concatWith(Flux.defer(() -> (progress.finished() || !this.shared.requireFinishReason()) ? Flux.empty()
					: Flux.error(new IncompleteStreamException(member.id()))));
		if (buffered()) {
			upstream = upstream.collectList().flatMapIterable((chunks) -> chunks);
		}
		return upstream.concatMap((chunk) -> {
			ChatResponse previous = held.getAndSet(chunk);
			return (previous != null) ? Flux.just(previous) : Flux.<ChatResponse>empty();
		}).concatWith(Mono.defer(() -> {
			RoutingReceipt receipt = succeeded(member, permit, progress);
			ChatResponse last = held.get();
			return (last != null && receipt != null) ? Mono.just(RoutingExchange.withReceipt(last, receipt))
					: Mono.empty();
		}))
			.doOnNext(progress::markEmittedIfContent)
			.doOnCancel(() -> cancelled(member, permit, progress))
			.onErrorResume((error) -> failed(member, permit, progress, MemberInvoker.unwrap(error)));
	}

	/**
	 * Whether the member's stream is held until it completes (the caller asked for it, or
	 * the cascade collects the stream): nothing reaches the caller before the member
	 * finished, so a cut fails over.
	 */
	private boolean buffered() {
		return this.exchange.prompt().getOptions() instanceof RoutingChatOptions options && options.isBufferedStream();
	}

	/**
	 * The time a stream may go without a chunk: the stall timeout, at most what is left
	 * of the deadline.
	 */
	private Duration stallTimeout() {
		Duration remaining = this.exchange.remaining();
		Duration stall = this.shared.streamStallTimeout();
		Duration timeout = (remaining.compareTo(stall) < 0) ? remaining : stall;
		return timeout.isNegative() ? Duration.ZERO : timeout;
	}

	/**
	 * The member's stream ended: records the attempt and ends the request answered, or
	 * returns {@code null} when the caller's cancellation, on its own thread, settled the
	 * permit first (that side records the attempt and ends the request; touching the
	 * attempts here as well would append to them from two threads and count the attempt
	 * twice).
	 */
	private @Nullable RoutingReceipt succeeded(TierMember member, BreakerPermit permit, StreamProgress progress) {
		if (!permit.succeeded()) {
			return null;
		}
		this.exchange.record(attempt(member, AttemptOutcome.SUCCESS, null, null, progress, permit.elapsedNanos()));
		return this.exchange.streamAnswered(member);
	}

	/**
	 * The caller stopped reading: the member was answering, but a partial answer says
	 * nothing about the provider's health, so the breaker permission is released without
	 * counting the call either way.
	 */
	private void cancelled(TierMember member, BreakerPermit permit, StreamProgress progress) {
		if (!permit.released()) {
			return;
		}
		this.exchange.record(attempt(member, AttemptOutcome.SUCCESS, null, null, progress, permit.elapsedNanos()));
		this.exchange.cancelled(member);
	}

	private Flux<ChatResponse> failed(TierMember member, BreakerPermit permit, StreamProgress progress,
			Throwable error) {
		if (error instanceof RoutingFailedException || error instanceof RequestRefusedException) {
			return Flux.error(error);
		}
		FailureClassification failure = (error instanceof IncompleteStreamException
				|| error instanceof StreamStalledException) ? FailureClassification.of(FailureKind.TRANSIENT)
						: this.shared.invoker().classify(error);
		if (!permit.failed(error, failure.kind())) {
			return Flux.error(error);
		}
		this.exchange.record(
				attempt(member, AttemptOutcome.FAILED, failure.kind().name(), error, progress, permit.elapsedNanos()));
		if (progress.emitted()) {
			return Flux.error(this.exchange.interrupted(member, error));
		}
		try {
			this.exchange.failed(member, error, failure);
		}
		catch (RoutingFailedException ex) {
			return Flux.error(ex);
		}
		this.shared.failoverLog().failedOver(member, failure.kind().name(), error);
		return nextAttempt();
	}

	private Attempt attempt(TierMember member, AttemptOutcome outcome, @Nullable String failure,
			@Nullable Throwable error, StreamProgress progress, long nanos) {
		long in = progress.promptTokens(this.exchange.request());
		long out = progress.completionTokens();
		boolean called = outcome == AttemptOutcome.SUCCESS || progress.emitted() || out > 0;
		return new Attempt(member.tier(), member.id(), member.model(), outcome, failure, MemberInvoker.errorName(error),
				nanos / 1_000_000, called ? in : 0, out, called ? this.shared.invoker().cost(member, in, out) : 0,
				this.shared.invoker().clientRetries(member));
	}

}
