package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.review.OrchestrationReviewAutoConfiguration;
import dev.orchestration.cache.Cacheability;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.review.HighRiskPredicate;
import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewRequest;
import dev.orchestration.review.ReviewRequestedEvent;
import dev.orchestration.review.ReviewRequiredException;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The human-review hand-off over real HTTP: an answer that fails every allowed cascade
 * step, or a high-risk one, is kept, queued, published as an event, and flagged in the
 * receipt or thrown, per task; buffered streams run the cascade before the first token.
 */
class ReviewHandOffIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim, Duration.ofSeconds(30))
		.withConfiguration(AutoConfigurations.of(OrchestrationReviewAutoConfiguration.class,
				OrchestrationCascadeAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ReviewEvents.class, ReviewEvents::new)
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "cheap"),
				member("large", 0, "anthropicChatModel", "strong"),
				new String[] { "llm.tiers.small.models[0].price.output-per-million=2",
						"llm.tiers.large.models[0].price.output-per-million=30", "llm.routing.default-tier=small",
						"llm.cascade.enabled=true", "llm.cascade.path=small,large",
						"llm.cascade.verifiers=non-empty,pattern", "llm.cascade.pattern=^\\d+$",
						"llm.review.enabled=true" }));

	@BeforeEach
	void answersThatFailThePattern() {
		sim.model("cheap").answer("forty-two");
		sim.model("strong").answer("six times seven");
	}

	@Test
	void aRequestThatFailsEveryStepEndsNeedsReviewLandsInTheQueueAndRaisesTheEvent() {
		this.runner.run((context) -> {
			ChatResponse response = ask(context, "What is six times seven?", null);
			CascadeReceipt receipt = CascadeReceipt.from(response).orElseThrow();
			assertThat(receipt.outcome()).isEqualTo(CascadeReceipt.NEEDS_REVIEW);
			assertThat(receipt.steps()).hasSize(2);
			ReviewTicket ticket = receipt.review();
			assertThat(ticket).isNotNull();
			assertThat(ticket.reason()).isEqualTo(ReviewTicket.Reason.UNVERIFIED);
			assertThat(ticket.cause()).isEqualTo("end-of-path");
			assertThat(ticket.status()).isEqualTo(ReviewTicket.Status.QUEUED);
			assertThat(text(response)).as("the best answer is kept (ties go to the stronger tier)")
				.isEqualTo("six times seven");
			assertThat((Object) response.getMetadata().get(Cacheability.VERIFICATION_FAILED)).isEqualTo(true);

			List<Review> open = context.getBean(ReviewQueue.class).open(10);
			assertThat(open).hasSize(1);
			ReviewRequest queued = open.get(0).request();
			assertThat(queued.id()).isEqualTo(ticket.id());
			assertThat(queued.answer()).isEqualTo("six times seven");
			assertThat(queued.tier()).isEqualTo("large");
			assertThat(queued.model()).isEqualTo("strong");
			assertThat(queued.scores()).containsEntry("non-empty", 1.0).containsEntry("pattern", 0.0);
			assertThat(queued.receipt().steps()).hasSize(2);
			assertThat(queued.prompt()).as("no prompt text unless llm.review.include-prompt is on").isNull();

			List<ReviewRequestedEvent> events = context.getBean(ReviewEvents.class).events;
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.getRequest().id()).isEqualTo(ticket.id()));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("llm.review.requests")
				.tags("reason", "unverified", "status", "queued")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("llm.cascade.requests").tags("outcome", "needs-review").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void anAcceptedAnswerIsServedWithoutAReview() {
		sim.model("cheap").answer("42");
		this.runner.run((context) -> {
			CascadeReceipt receipt = CascadeReceipt.from(ask(context, "What is six times seven?", null)).orElseThrow();
			assertThat(receipt.accepted()).isTrue();
			assertThat(receipt.review()).isNull();
			assertThat(context.getBean(ReviewQueue.class).open(10)).isEmpty();
			assertThat(context.getBean(ReviewEvents.class).events).isEmpty();
		});
	}

	@Test
	void aTaskWithExceptionDeliveryWithholdsTheAnswerAndThrowsWithTheReviewId() {
		this.runner.withPropertyValues("llm.cascade.tasks.arithmetic.review.delivery=exception").run((context) -> {
			assertThatThrownBy(() -> ask(context, "What is six times seven?", "arithmetic"))
				.isInstanceOfSatisfying(ReviewRequiredException.class, (ex) -> {
					assertThat(ex.getReceipt().outcome()).isEqualTo(CascadeReceipt.NEEDS_REVIEW);
					assertThat(ex.getReceipt().review().id()).isEqualTo(ex.getReviewId());
					assertThat(context.getBean(ReviewQueue.class).find(ex.getReviewId())).isPresent();
				});
			assertThat(text(ask(context, "What is six times seven?", null))).as("other tasks get the flagged answer")
				.isEqualTo("six times seven");
		});
	}

	@Test
	void theReviewKeepsThePromptOnlyWhenOptedIn() {
		this.runner.withPropertyValues("llm.review.include-prompt=true").run((context) -> {
			ask(context, "What is six times seven?", null);
			assertThat(context.getBean(ReviewQueue.class).open(10)).singleElement()
				.satisfies((review) -> assertThat(review.request().prompt()).isEqualTo("What is six times seven?"));
		});
	}

	@Test
	void aHighRiskTaskSendsEvenAnAcceptedAnswerToReview() {
		sim.model("cheap").answer("42");
		this.runner.withPropertyValues("llm.cascade.tasks.dosage.review.high-risk=true").run((context) -> {
			ChatResponse response = ask(context, "How many mg?", "dosage");
			CascadeReceipt receipt = CascadeReceipt.from(response).orElseThrow();
			assertThat(receipt.outcome()).isEqualTo(CascadeReceipt.NEEDS_REVIEW);
			assertThat(receipt.review().reason()).isEqualTo(ReviewTicket.Reason.HIGH_RISK);
			assertThat(receipt.review().cause()).isEqualTo("accepted");
			assertThat(text(response)).isEqualTo("42");
			assertThat(sim.requests("strong")).as("an accepted answer is not escalated").isEmpty();
		});
	}

	@Test
	void aHighRiskPredicateBeanMarksRequestsEvenWithoutVerifiers() {
		sim.model("cheap").answer("Transfer approved");
		HighRiskPredicate payments = (request, answer) -> request.prompt().getOptions() instanceof RoutingChatOptions o
				&& "payments".equals(o.getMetadata().get("area"));
		this.runner.withBean(HighRiskPredicate.class, () -> payments)
			.withPropertyValues("llm.cascade.verifiers=")
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				ChatResponse risky = client.prompt()
					.user("Send 5000 EUR to account X")
					.options(RoutingChatOptions.builder().metadata("area", "payments"))
					.call()
					.chatResponse();
				assertThat(CascadeReceipt.from(risky).orElseThrow().review().reason())
					.isEqualTo(ReviewTicket.Reason.HIGH_RISK);
				ChatResponse plain = client.prompt().user("What is my balance?").call().chatResponse();
				assertThat(CascadeReceipt.from(plain).orElseThrow().needsReview()).isFalse();
				assertThat(context.getBean(ReviewQueue.class).open(10)).hasSize(1);
			});
	}

	@Test
	void aFullMemoryQueueDropsTheOldestReviewAndCountsIt() {
		this.runner.withPropertyValues("llm.review.capacity=2").run((context) -> {
			String first = CascadeReceipt.from(ask(context, "one", null)).orElseThrow().review().id();
			ask(context, "two", null);
			ask(context, "three", null);
			ReviewQueue queue = context.getBean(ReviewQueue.class);
			assertThat(queue.open(10)).hasSize(2);
			assertThat(queue.find(first)).isEmpty();
			assertThat(context.getBean(MeterRegistry.class)
				.get("llm.review.evicted")
				.tags("store", "memory")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aFailingEventListenerDoesNotFailTheRequest() {
		this.runner.withBean("failingListener", ApplicationListener.class,
				() -> (ApplicationListener<ReviewRequestedEvent>) (event) -> {
					throw new IllegalStateException("listener down");
				})
			.run((context) -> assertThat(
					CascadeReceipt.from(ask(context, "What is six times seven?", null)).orElseThrow().needsReview())
				.isTrue());
	}

	@Test
	void streamsPassThroughUnverifiedByDefault() {
		this.runner.run((context) -> {
			List<String> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("What is six times seven?")
				.stream()
				.content()
				.collectList()
				.block();
			assertThat(String.join("", chunks)).isEqualTo("forty-two");
			assertThat(sim.requests("strong")).isEmpty();
			assertThat(context.getBean(ReviewQueue.class).open(10)).isEmpty();
		});
	}

	@Test
	void aBufferedStreamIsCascadedAndEmitsOnlyTheChosenAnswer() {
		sim.model("strong").answer("42");
		this.runner.withPropertyValues("llm.cascade.tasks.arithmetic.stream=buffered").run((context) -> {
			List<ChatClientResponse> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("What is six times seven?")
				.options(RoutingChatOptions.builder().task("arithmetic"))
				.stream()
				.chatClientResponse()
				.collectList()
				.block();
			assertThat(chunks).hasSize(1);
			ChatResponse answer = chunks.get(0).chatResponse();
			assertThat(text(answer)).as("the rejected cheap answer never reaches the caller").isEqualTo("42");
			CascadeReceipt receipt = CascadeReceipt.from(answer).orElseThrow();
			assertThat(receipt.accepted()).isTrue();
			assertThat(receipt.steps()).extracting((s) -> s.tier()).containsExactly("small", "large");
			assertThat(sim.requests("cheap").get(0).stream()).as("each step is streamed from the provider").isTrue();
		});
	}

	@Test
	void aBufferedStreamThatFailsEveryStepGoesToReviewAndCanThrow() {
		this.runner
			.withPropertyValues("llm.cascade.stream=buffered", "llm.cascade.tasks.arithmetic.review.delivery=exception")
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				List<ChatClientResponse> flagged = client.prompt()
					.user("What is six times seven?")
					.stream()
					.chatClientResponse()
					.collectList()
					.block();
				assertThat(CascadeReceipt.from(flagged.get(0).chatResponse()).orElseThrow().needsReview()).isTrue();
				assertThatThrownBy(() -> client.prompt()
					.user("What is six times seven?")
					.options(RoutingChatOptions.builder().task("arithmetic"))
					.stream()
					.content()
					.collectList()
					.block()).isInstanceOf(ReviewRequiredException.class);
				assertThat(context.getBean(ReviewQueue.class).open(10)).hasSize(2);
			});
	}

	@Test
	void badReviewConfigurationFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.cascade.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOrchestrationConfigurationException.class)
				.hasMessageContaining("llm.review.enabled")
				.hasMessageContaining("llm.cascade.enabled=true");
		});
		this.runner.withPropertyValues("llm.review.enabled=false", "llm.cascade.tasks.dosage.review.high-risk=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("llm.cascade.tasks.dosage.review")
					.hasMessageContaining("llm.review.enabled=true");
			});
		this.runner.withPropertyValues("llm.review.capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("llm.review.capacity");
		});
		this.runner.withPropertyValues("llm.cascade.tasks.arithmetic.review.delivery=later").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("llm.cascade.tasks.arithmetic.review.delivery");
		});
	}

	private static ChatResponse ask(ApplicationContext context, String question, String task) {
		RoutingChatOptions.Builder options = RoutingChatOptions.builder();
		if (task != null) {
			options.task(task);
		}
		return context.getBean(RoutingChatClient.class).prompt().user(question).options(options).call().chatResponse();
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	/** Collects the review events of a context. */
	static class ReviewEvents implements ApplicationListener<ReviewRequestedEvent> {

		final List<ReviewRequestedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ReviewRequestedEvent event) {
			this.events.add(event);
		}

	}

}
