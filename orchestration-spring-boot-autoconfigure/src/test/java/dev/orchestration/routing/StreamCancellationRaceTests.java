package dev.orchestration.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import dev.orchestration.cost.Price;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.MemberCircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller that stops reading a stream ({@code blockFirst()}, a closed SSE connection)
 * races the member's last chunk, which arrives on another thread: whichever side settles
 * the breaker permit first ends the attempt, and the other side leaves the request's
 * attempts alone. Before, the answering side recorded its attempt even when the
 * cancelling side had settled the permit, so two threads appended to the same list (an
 * {@code ArrayIndexOutOfBoundsException} dropped by Reactor, seen in the bench's
 * {@code streamFirstTokenRouted}, which also cut that side's work short), and the
 * published receipt could carry the attempt twice, its cost counted twice.
 */
class StreamCancellationRaceTests {

	private static final int REQUESTS = 20_000;

	private static final long MAX_PAUSE_NANOS = 20_000;

	private final Scheduler worker = Schedulers.newParallel("member-stream", 1);

	private final Scheduler reader = Schedulers.newParallel("caller", 1);

	private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

	@AfterEach
	void tearDown() {
		Hooks.resetOnErrorDropped();
		this.worker.dispose();
		this.reader.dispose();
	}

	@Test
	void aCallerCancellingAsTheLastChunkArrivesEndsEachRequestOnceWithOneAttempt() {
		Hooks.onErrorDropped(this.dropped::add);
		ScriptedChatModel streaming = new ScriptedChatModel("streaming") {

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				// the caller gets "alpha " once "beta " arrives and cancels; the last
				// chunk and the end follow after a pause that varies from request to
				// request, so that some cancellations land while the end is delivered
				long pauseNanos = ThreadLocalRandom.current().nextLong(MAX_PAUSE_NANOS);
				return Flux.<ChatResponse>create((sink) -> StreamCancellationRaceTests.this.worker.schedule(() -> {
					sink.next(chunk("alpha ", null));
					sink.next(chunk("beta ", null));
					long until = System.nanoTime() + pauseNanos;
					while (System.nanoTime() < until) {
						Thread.onSpinWait();
					}
					sink.next(chunk("gamma", "STOP"));
					sink.complete();
				}));
			}

		};
		List<RoutingDecision> decisions = new CopyOnWriteArrayList<>();
		RoutingExchangeTests.CountingBudget budget = new RoutingExchangeTests.CountingBudget();
		Tiers tiers = new Tiers(List.of(new Tier("small", List.of(new TierMember("small-streaming", "small",
				"bean-streaming", streaming, "model-streaming", null, new Price(1, 2))))));
		RoutingChatModel router = RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(new RuleBasedRouteResolver(tiers, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults()))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.listeners(List.of(decisions::add))
			.budget(budget)
			.build();
		for (int i = 0; i < REQUESTS; i++) {
			// read on another thread (as Spring AI's client does): the cancellation comes
			// from there while the member's thread goes on
			ChatResponse first = router.stream(new Prompt("question " + i))
				.publishOn(this.reader)
				.blockFirst(Duration.ofSeconds(10));
			assertThat(first).as("first chunk of request %d", i).isNotNull();
		}
		// the cancelling side ends its request on the reader's thread, after blockFirst
		// returned
		await().atMost(Duration.ofSeconds(10)).until(() -> decisions.size() >= REQUESTS);
		assertThat(this.dropped).as("errors dropped by Reactor").isEmpty();
		assertThat(decisions).as("one decision per request").hasSize(REQUESTS);
		Map<RoutingOutcome, Long> outcomes = decisions.stream()
			.collect(Collectors.groupingBy(RoutingDecision::outcome, Collectors.counting()));
		assertThat(outcomes).as("both sides of the race were exercised: some requests ended answered, some cancelled")
			.containsOnlyKeys(RoutingOutcome.ANSWERED, RoutingOutcome.CANCELLED);
		long notOneAttempt = decisions.stream().filter((decision) -> decision.receipt().attempts().size() != 1).count();
		assertThat(notOneAttempt).as("decisions whose receipt does not hold exactly the one attempt made").isZero();
		assertThat(budget.reservations).hasValue(REQUESTS);
		assertThat(budget.settlements).hasValue(REQUESTS);
	}

	private static ChatResponse chunk(String text, String finishReason) {
		ChatGenerationMetadata metadata = (finishReason != null)
				? ChatGenerationMetadata.builder().finishReason(finishReason).build() : ChatGenerationMetadata.NULL;
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text), metadata)));
	}

}
