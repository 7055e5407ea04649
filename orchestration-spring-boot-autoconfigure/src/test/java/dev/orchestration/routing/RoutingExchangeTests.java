package dev.orchestration.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.cost.Price;
import dev.orchestration.metrics.internal.RoutingMetrics;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.MemberCircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each request is one exchange that ends exactly once: every outcome, refusals included,
 * is published to the listeners and the observation, and the budget reservation is
 * settled once with what the request cost.
 */
class RoutingExchangeTests {

	private final ScriptedChatModel first = new ScriptedChatModel("first");

	private final ScriptedChatModel second = new ScriptedChatModel("second");

	private final List<RoutingDecision> decisions = new CopyOnWriteArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final StoppedObservations observations = new StoppedObservations();

	private final CountingBudget budget = new CountingBudget();

	private final Tiers tiers = new Tiers(List
		.of(new Tier("small", List.of(member("small-first", this.first), member("small-second", this.second)))));

	private RoutingChatModel router() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(this.observations);
		RoutingMetrics metrics = new RoutingMetrics(this.meters);
		return RoutingChatModel.builder()
			.tiers(this.tiers)
			.routeResolver(new RuleBasedRouteResolver(this.tiers,
					List.of(new RoutingRule(0, "small", null, null, null, null, "classification", Map.of())), "small"))
			.circuitBreakers(new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults()))
			.failureClassifier(new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor())))
			.listeners(List.of(this.decisions::add, metrics))
			.budget(this.budget)
			.observationRegistry(registry)
			.build();
	}

	@Test
	void aRequestTheBudgetRefusesBeforeAnyCallIsPublishedAsRefusedWithItsReceipt() {
		this.budget.refuseAtAdmission = true;
		RoutingChatModel router = router();
		assertThatExceptionOfType(TestRefusal.class).isThrownBy(() -> router.call(new Prompt("hello")))
			.satisfies((refusal) -> assertThat(refusal.getReceipt()).isNotNull()
				.satisfies((receipt) -> assertThat(receipt.attempts()).isEmpty()));
		assertThat(this.decisions).singleElement().satisfies((decision) -> {
			assertThat(decision.outcome()).isEqualTo(RoutingOutcome.REFUSED);
			assertThat(decision.error()).isInstanceOf(TestRefusal.class);
		});
		assertThat(this.meters
			.counter("llm.requests", "tier", "small", "member", "none", "outcome", "refused", "streamed", "false")
			.count()).isEqualTo(1);
		assertThat(this.first.prompts()).isEmpty();
		assertThat(this.observations.outcomes()).containsExactly("refused");
	}

	@Test
	void aCallTheBudgetRefusesAfterAFailoverIsPublishedOnceAndSettlesWhatWasSpent() {
		this.budget.refuseCall = 2;
		this.first.failAlways(new FakeHttpException(503, "overloaded"));
		RoutingChatModel router = router();
		assertThatExceptionOfType(TestRefusal.class).isThrownBy(() -> router.call(new Prompt("hello")))
			.satisfies((refusal) -> assertThat(refusal.getReceipt().attempts()).hasSize(1));
		assertThat(this.decisions).singleElement()
			.satisfies((decision) -> assertThat(decision.outcome()).isEqualTo(RoutingOutcome.REFUSED));
		assertThat(this.budget.settlements).hasValue(1);
		assertThat(this.second.prompts()).isEmpty();
	}

	@Test
	void everyOutcomeSettlesTheReservationExactlyOnce() {
		RoutingChatModel router = router();
		router.call(new Prompt("answered"));
		this.first.failAlways(new FakeHttpException(503, "down"));
		this.second.failAlways(new FakeHttpException(503, "down"));
		assertThatExceptionOfType(RoutingFailedException.class).isThrownBy(() -> router.call(new Prompt("failed")));
		this.first.failAlways(new FakeHttpException(400, "bad request"));
		assertThatExceptionOfType(RoutingFailedException.class).isThrownBy(() -> router.call(new Prompt("fatal")));
		assertThat(this.budget.reservations).hasValue(3);
		assertThat(this.budget.settlements).hasValue(3);
		assertThat(this.decisions).extracting(RoutingDecision::outcome)
			.containsExactly(RoutingOutcome.ANSWERED, RoutingOutcome.FAILED, RoutingOutcome.FAILED);
	}

	@Test
	void streamsEndOnceWhetherAnsweredOrCancelled() {
		RoutingChatModel router = router();
		List<ChatResponse> chunks = router.stream(new Prompt("streamed")).collectList().block();
		assertThat(chunks).isNotEmpty();
		ScriptedChatModel silent = new ScriptedChatModel("silent") {

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.never();
			}

		};
		Tiers one = new Tiers(List.of(new Tier("small", List.of(member("small-silent", silent)))));
		RoutingChatModel waiting = RoutingChatModel.builder()
			.tiers(one)
			.routeResolver(new RuleBasedRouteResolver(one, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults()))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.listeners(List.of(this.decisions::add))
			.budget(this.budget)
			.build();
		waiting.stream(new Prompt("cancelled")).subscribe().dispose();
		assertThat(this.budget.reservations).hasValue(2);
		assertThat(this.budget.settlements).hasValue(2);
		assertThat(this.decisions).extracting(RoutingDecision::outcome)
			.containsExactly(RoutingOutcome.ANSWERED, RoutingOutcome.CANCELLED);
	}

	@Test
	void theRoutingObservationCarriesTierLayerAndOutcomeAndTheMemberAndAttempts() {
		this.first.failNext(new FakeHttpException(503, "overloaded"));
		RoutingChatModel router = router();
		router.call(new Prompt("hello", RoutingChatOptions.builder().task("classification").build()));
		assertThat(this.observations.stopped).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo(DefaultRoutingObservationConvention.NAME);
			assertThat(context.getLowCardinalityKeyValue("llm.tier").getValue()).isEqualTo("small");
			assertThat(context.getLowCardinalityKeyValue("llm.route.layer").getValue()).isEqualTo("RULE");
			assertThat(context.getLowCardinalityKeyValue("llm.outcome").getValue()).isEqualTo("answered");
			assertThat(context.getHighCardinalityKeyValue("llm.member").getValue()).isEqualTo("small-second");
			assertThat(context.getHighCardinalityKeyValue("llm.attempts").getValue()).isEqualTo("2");
		});
		this.first.failAlways(new FakeHttpException(503, "down"));
		this.second.failAlways(new FakeHttpException(503, "down"));
		assertThatExceptionOfType(RoutingFailedException.class).isThrownBy(() -> router.call(new Prompt("again")));
		assertThat(this.observations.outcomes()).containsExactly("answered", "failed");
		assertThat(this.observations.stopped.get(1).getError()).isInstanceOf(RoutingFailedException.class);
	}

	@Test
	void theRoutingObservationIsCurrentInsideTheMemberCall() {
		List<String> seen = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(this.observations);
		this.first.answer((prompt) -> {
			Observation current = registry.getCurrentObservation();
			seen.add((current != null) ? current.getContextView().getName() : "none");
			return "ok";
		});
		RoutingChatModel router = RoutingChatModel.builder()
			.tiers(this.tiers)
			.routeResolver(new RuleBasedRouteResolver(this.tiers, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults()))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.observationRegistry(registry)
			.build();
		router.call(new Prompt("hello"));
		assertThat(seen).containsExactly(DefaultRoutingObservationConvention.NAME);
	}

	@Test
	void aStreamThatStallsBeforeAnythingReachedTheCallerFailsOverAtTheStallTimeout() {
		RoutingChatModel router = streamRouter(Flux.never());
		List<ChatResponse> chunks = router.stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(10));
		assertThat(chunks).isNotEmpty();
		RoutingReceipt receipt = RoutingReceipt.from(chunks.get(chunks.size() - 1)).orElseThrow();
		assertThat(receipt.member()).isEqualTo("small-second");
		assertThat(receipt.attempts().get(0).errorClass()).isEqualTo("StreamStalledException");
	}

	@Test
	void aStreamThatStallsAfterTokensReachedTheCallerEndsWithAnErrorCarryingTheReceipt() {
		RoutingChatModel router = streamRouter(
				Flux.just(chunk("alpha "), chunk("beta "), chunk("gamma ")).concatWith(Flux.never()));
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> error = new AtomicReference<>();
		router.stream(new Prompt("hello"))
			.doOnNext((chunk) -> received.add(chunk.getResult().getOutput().getText()))
			.onErrorResume((ex) -> {
				error.set(ex);
				return Flux.empty();
			})
			.blockLast(Duration.ofSeconds(10));
		assertThat(received).containsExactly("alpha ", "beta ");
		assertThat(error.get()).isInstanceOf(StreamInterruptedException.class)
			.hasCauseInstanceOf(StreamStalledException.class);
		RoutingReceipt receipt = ((StreamInterruptedException) error.get()).getReceipt();
		assertThat(receipt.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.failure()).isEqualTo("TRANSIENT"));
		assertThat(this.second.prompts()).as("no failover once tokens reached the caller").isEmpty();
		assertThat(this.decisions).extracting(RoutingDecision::outcome).containsExactly(RoutingOutcome.INTERRUPTED);
	}

	private RoutingChatModel streamRouter(Flux<ChatResponse> firstMembersStream) {
		ScriptedChatModel stalling = new ScriptedChatModel("stalling") {

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return firstMembersStream;
			}

		};
		Tiers tiers = new Tiers(List
			.of(new Tier("small", List.of(member("small-first", stalling), member("small-second", this.second)))));
		return RoutingChatModel.builder()
			.tiers(tiers)
			.routeResolver(new RuleBasedRouteResolver(tiers, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults()))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.listeners(List.of(this.decisions::add))
			.streamStallTimeout(Duration.ofMillis(200))
			.build();
	}

	private static ChatResponse chunk(String text) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
	}

	private static TierMember member(String id, ScriptedChatModel model) {
		return new TierMember(id, "small", "bean-" + id, model, "model-" + id, null, new Price(1, 2));
	}

	static final class TestRefusal extends RequestRefusedException {

		TestRefusal() {
			super("refused by the test budget");
		}

	}

	/** A budget that counts reservations and settlements and refuses where told. */
	static final class CountingBudget implements RoutingBudget {

		final AtomicInteger reservations = new AtomicInteger();

		final AtomicInteger settlements = new AtomicInteger();

		volatile boolean refuseAtAdmission;

		volatile int refuseCall;

		@Override
		public BudgetReservation reserve(RouteRequest request, Route route) {
			if (this.refuseAtAdmission) {
				throw new TestRefusal();
			}
			this.reservations.incrementAndGet();
			AtomicInteger calls = new AtomicInteger();
			return new BudgetReservation() {

				@Override
				public Route route() {
					return route;
				}

				@Override
				public void beforeCall(TierMember member, Prompt prompt, double spentSoFar) {
					if (calls.incrementAndGet() == CountingBudget.this.refuseCall) {
						throw new TestRefusal();
					}
				}

				@Override
				public void settle(RoutingReceipt receipt) {
					CountingBudget.this.settlements.incrementAndGet();
				}

			};
		}

	}

	/** Every routing observation that stopped, in order. */
	static final class StoppedObservations implements ObservationHandler<RoutingObservationContext> {

		final List<RoutingObservationContext> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(RoutingObservationContext context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof RoutingObservationContext;
		}

		List<String> outcomes() {
			return this.stopped.stream()
				.map((context) -> context.getLowCardinalityKeyValue("llm.outcome").getValue())
				.toList();
		}

	}

}
