package dev.orchestration.routing;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.orchestration.cost.CostCalculator;
import dev.orchestration.provider.internal.ClientRetries;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.resilience.FailureClassification;
import dev.orchestration.resilience.FailureClassifier;
import dev.orchestration.resilience.FailureKind;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.internal.OptionsRetargeter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Calls one tier member through its circuit breaker with options re-targeted for its chat
 * model, and turns the outcome into an {@link Attempt}. The breaker runs on the caller's
 * thread through a {@link BreakerPermit}, as for streams; when the breakers are
 * {@link MemberCircuitBreakers#pooled() pooled}, the call runs through Spring Cloud
 * CircuitBreaker's thread pool and time limiter instead.
 * <p>
 * Only {@link FailureKind#TRANSIENT} failures count against the breaker: it measures
 * whether a provider is up, not whether a request was acceptable (a prompt that is too
 * long says nothing about the provider).
 */
class MemberInvoker {

	private final MemberCircuitBreakers breakers;

	private final FailureClassifier classifier;

	private final OptionsRetargeter retargeter;

	private final CostCalculator costCalculator;

	/** Per member id: the retries its SDK client makes on its own (read once). */
	private final Map<String, Integer> clientRetries = new ConcurrentHashMap<>();

	MemberInvoker(MemberCircuitBreakers breakers, FailureClassifier classifier, OptionsRetargeter retargeter,
			CostCalculator costCalculator) {
		this.breakers = breakers;
		this.classifier = classifier;
		this.retargeter = retargeter;
		this.costCalculator = costCalculator;
	}

	MemberCall call(TierMember member, Prompt prompt) {
		Prompt target = this.retargeter.retarget(prompt, member);
		return this.breakers.pooled() ? callThroughPool(member, target) : callOnThisThread(member, target);
	}

	private MemberCall callOnThisThread(TierMember member, Prompt target) {
		BreakerPermit permit = BreakerPermit.acquire(this.breakers.breaker(member.id()));
		if (permit == null) {
			return breakerOpen(member, null);
		}
		ChatResponse response;
		try {
			response = member.chatModel().call(target);
		}
		catch (RuntimeException ex) {
			FailureClassification failure = this.classifier.classify(ex);
			permit.failed(ex, failure.kind());
			return failedCall(member, ex, failure, permit.elapsedNanos());
		}
		catch (Error error) {
			permit.released();
			throw error;
		}
		permit.succeeded();
		return answeredCall(member, response, permit.elapsedNanos());
	}

	private MemberCall callThroughPool(TierMember member, Prompt target) {
		long start = System.nanoTime();
		Outcome outcome = this.breakers.run(member.id(), () -> callModel(member, target),
				(error) -> failed(unwrap(error)));
		long nanos = System.nanoTime() - start;
		if (outcome.response != null) {
			return answeredCall(member, outcome.response, nanos);
		}
		if (outcome.error instanceof CallNotPermittedException) {
			return breakerOpen(member, outcome.error);
		}
		return failedCall(member, outcome.error, outcome.failure, nanos);
	}

	private MemberCall answeredCall(TierMember member, ChatResponse response, long nanos) {
		Usage usage = response.getMetadata().getUsage();
		long in = tokens(usage.getPromptTokens());
		long out = tokens(usage.getCompletionTokens());
		Attempt attempt = new Attempt(member.tier(), member.id(), member.model(), AttemptOutcome.SUCCESS, null, null,
				nanos / 1_000_000, in, out, this.costCalculator.cost(in, out, member.price()), clientRetries(member));
		return new MemberCall(member, attempt, response, null, null);
	}

	private MemberCall failedCall(TierMember member, @Nullable Throwable error, @Nullable FailureClassification failure,
			long nanos) {
		Attempt attempt = new Attempt(member.tier(), member.id(), member.model(), AttemptOutcome.FAILED,
				(failure != null) ? failure.kind().name() : null, errorName(error), nanos / 1_000_000, 0, 0, 0,
				clientRetries(member));
		return new MemberCall(member, attempt, null, error, failure);
	}

	private static MemberCall breakerOpen(TierMember member, @Nullable Throwable error) {
		return new MemberCall(member,
				Attempt.skipped(member.tier(), member.id(), member.model(), AttemptOutcome.BREAKER_OPEN), null, error,
				null);
	}

	/**
	 * The retries the member's SDK client makes inside one attempt (its configured
	 * maximum; 0 when off or unknown), for the receipt.
	 */
	int clientRetries(TierMember member) {
		Integer retries = this.clientRetries.get(member.id());
		if (retries == null) {
			retries = ClientRetries.of(member.chatModel()).orElse(0);
			this.clientRetries.put(member.id(), retries);
		}
		return retries;
	}

	/**
	 * Re-targets a prompt for a member, for callers that drive the member's model
	 * themselves (streams).
	 */
	Prompt retarget(Prompt prompt, TierMember member) {
		return this.retargeter.retarget(prompt, member);
	}

	FailureClassification classify(Throwable error) {
		return this.classifier.classify(error);
	}

	double cost(TierMember member, long promptTokens, long completionTokens) {
		return this.costCalculator.cost(promptTokens, completionTokens, member.price());
	}

	MemberCircuitBreakers breakers() {
		return this.breakers;
	}

	private Outcome callModel(TierMember member, Prompt target) {
		try {
			return new Outcome(member.chatModel().call(target), null, null);
		}
		catch (RuntimeException ex) {
			FailureClassification failure = this.classifier.classify(ex);
			if (failure.kind() == FailureKind.TRANSIENT) {
				throw ex;
			}
			return new Outcome(null, ex, failure);
		}
	}

	private Outcome failed(Throwable error) {
		if (error instanceof CallNotPermittedException) {
			return new Outcome(null, error, null);
		}
		return new Outcome(null, error, this.classifier.classify(error));
	}

	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof ExecutionException || current instanceof CompletionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	static @Nullable String errorName(@Nullable Throwable error) {
		return (error != null) ? error.getClass().getSimpleName() : null;
	}

	static long tokens(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

	private record Outcome(@Nullable ChatResponse response, @Nullable Throwable error,
			@Nullable FailureClassification failure) {
	}

}
