package dev.orchestration.routing;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FailureClassification;
import dev.orchestration.resilience.FailureKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Streams one request: fails over to the next member while nothing has reached the caller, and ends with a
 * {@link StreamInterruptedException} (never a clean end) when a stream breaks after that. One chunk is held back so
 * that the last chunk can carry the receipt.
 */
final class StreamFailover {

	private final Prompt prompt;

	private final RouteRequest request;

	private final Route route;

	private final FailoverPlan plan;

	private final MemberInvoker invoker;

	private final DecisionPublisher publisher;

	private final Instant timestamp;

	private final long start;

	private final boolean requireFinishReason;

	private final RoutingBudget budget;

	StreamFailover(Prompt prompt, RouteRequest request, Route route, FailoverPlan plan, MemberInvoker invoker,
			DecisionPublisher publisher, Instant timestamp, long start, boolean requireFinishReason,
			RoutingBudget budget) {
		this.prompt = prompt;
		this.request = request;
		this.route = route;
		this.plan = plan;
		this.invoker = invoker;
		this.publisher = publisher;
		this.timestamp = timestamp;
		this.start = start;
		this.requireFinishReason = requireFinishReason;
		this.budget = budget;
	}

	Flux<ChatResponse> stream() {
		return Flux.defer(() -> {
			TierMember member = this.plan.next();
			if (member == null) {
				return Flux.error(fail("No member of tier '" + this.route.tier()
						+ "' or the tiers after it could start a stream", null));
			}
			this.budget.beforeCall(this.request, member, this.prompt, this.plan.cost());
			CircuitBreaker breaker = this.invoker.breakers().breaker(member.id());
			if (!breaker.tryAcquirePermission()) {
				this.plan.record(Attempt.skipped(member.tier(), member.id(), member.model(),
						AttemptOutcome.BREAKER_OPEN));
				return stream();
			}
			return attempt(member, breaker);
		});
	}

	private Flux<ChatResponse> attempt(TierMember member, CircuitBreaker breaker) {
		StreamProgress progress = new StreamProgress();
		long begin = System.nanoTime();
		AtomicReference<ChatResponse> held = new AtomicReference<>();
		Flux<ChatResponse> upstream = Flux
			.defer(() -> member.chatModel().stream(this.invoker.retarget(this.prompt, member)))
			.doOnNext(progress::observe)
			.concatWith(Flux.defer(() -> (progress.finished() || !this.requireFinishReason) ? Flux.empty()
					: Flux.error(new IncompleteStreamException(member.id()))));
		return upstream.concatMap((chunk) -> {
			ChatResponse previous = held.getAndSet(chunk);
			return (previous != null) ? Flux.just(previous) : Flux.<ChatResponse>empty();
		}).concatWith(Mono.defer(() -> {
			RoutingReceipt receipt = succeeded(member, breaker, progress, begin);
			ChatResponse last = held.get();
			return (last != null) ? Mono.just(RoutingChatModel.withReceipt(last, receipt)) : Mono.empty();
		}))
			.doOnNext(progress::markEmittedIfContent)
			.doOnCancel(() -> cancelled(member, breaker, progress, begin))
			.onErrorResume((error) -> failed(member, breaker, progress, begin, MemberInvoker.unwrap(error)));
	}

	private RoutingReceipt succeeded(TierMember member, CircuitBreaker breaker, StreamProgress progress, long begin) {
		long nanos = System.nanoTime() - begin;
		if (progress.settle()) {
			breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		}
		this.plan.record(attempt(member, AttemptOutcome.SUCCESS, null, null, progress, nanos));
		RoutingReceipt receipt = DecisionPublisher.receipt(this.route, member, this.plan.attempts(), true);
		this.budget.charge(this.request, receipt);
		this.publisher.publish(this.timestamp, this.start, this.request, receipt, null);
		return receipt;
	}

	/**
	 * The caller stopped reading: the member was answering, but a partial answer says nothing about the provider's
	 * health, so the breaker permission is released without counting the call either way.
	 */
	private void cancelled(TierMember member, CircuitBreaker breaker, StreamProgress progress, long begin) {
		if (!progress.settle()) {
			return;
		}
		breaker.releasePermission();
		long nanos = System.nanoTime() - begin;
		this.plan.record(attempt(member, AttemptOutcome.SUCCESS, null, null, progress, nanos));
		RoutingReceipt receipt = DecisionPublisher.receipt(this.route, member, this.plan.attempts(), true);
		this.budget.charge(this.request, receipt);
		this.publisher.publish(this.timestamp, this.start, this.request, receipt, null);
	}

	private Flux<ChatResponse> failed(TierMember member, CircuitBreaker breaker, StreamProgress progress, long begin,
			Throwable error) {
		long nanos = System.nanoTime() - begin;
		FailureClassification failure = (error instanceof IncompleteStreamException)
				? FailureClassification.of(FailureKind.TRANSIENT) : this.invoker.classify(error);
		if (!progress.settle()) {
			return Flux.error(error);
		}
		if (failure.kind() == FailureKind.TRANSIENT) {
			breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
		}
		else {
			breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		}
		this.plan.record(attempt(member, AttemptOutcome.FAILED, failure.kind().name(), error, progress, nanos));
		if (progress.emitted()) {
			RoutingReceipt receipt = DecisionPublisher.receipt(this.route, null, this.plan.attempts(), true);
			this.budget.charge(this.request, receipt);
			StreamInterruptedException interrupted = new StreamInterruptedException(member.id(), receipt, error);
			this.publisher.publish(this.timestamp, this.start, this.request, receipt, interrupted);
			return Flux.error(interrupted);
		}
		if (failure.kind() == FailureKind.FATAL) {
			return Flux.error(fail("Request rejected by " + member.id() + " (not retried elsewhere)", error));
		}
		this.plan.failed(member, failure);
		return stream();
	}

	private Attempt attempt(TierMember member, AttemptOutcome outcome, @Nullable String failure,
			@Nullable Throwable error,
			StreamProgress progress, long nanos) {
		long in = progress.promptTokens(this.request);
		long out = progress.completionTokens();
		boolean called = outcome == AttemptOutcome.SUCCESS || progress.emitted() || out > 0;
		return new Attempt(member.tier(), member.id(), member.model(), outcome, failure,
				MemberInvoker.errorName(error), nanos / 1_000_000, called ? in : 0, out,
				called ? this.invoker.cost(member, in, out) : 0);
	}

	private RoutingFailedException fail(String reason, @Nullable Throwable cause) {
		RoutingReceipt receipt = DecisionPublisher.receipt(this.route, null, this.plan.attempts(), true);
		this.budget.charge(this.request, receipt);
		RoutingFailedException failure = new RoutingFailedException(reason, receipt, cause);
		this.publisher.publish(this.timestamp, this.start, this.request, receipt, failure);
		return failure;
	}

}
