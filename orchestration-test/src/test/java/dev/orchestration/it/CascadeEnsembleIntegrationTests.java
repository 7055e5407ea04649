package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.orchestration.cascade.Candidate;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Parallel ensembles over real HTTP: the request fans out to several tiers at once,
 * bounded in concurrency and in estimated cost, and one answer is picked by vote, by the
 * judge, or as the first valid one (the rest cancelled).
 */
class CascadeEnsembleIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = CascadeFixtures.runner(sim, "a,large",
			member("a", 0, "openAiChatModel", "m-a"), member("b", 0, "openAiChatModel", "m-b"),
			member("c", 0, "openAiChatModel", "m-c"), member("d", 0, "openAiChatModel", "m-d"),
			member("large", 0, "openAiChatModel", "strong"), member("judge", 0, "openAiChatModel", "judge"),
			new String[] { "llm.tiers.a.models[0].price.output-per-million=1000",
					"llm.tiers.b.models[0].price.output-per-million=1000",
					"llm.tiers.c.models[0].price.output-per-million=1000",
					"llm.tiers.d.models[0].price.output-per-million=1000",
					"llm.tiers.large.models[0].price.output-per-million=3000",
					"llm.tiers.judge.models[0].price.output-per-million=100", "llm.cascade.verifiers=non-empty,refusal",
					"llm.cascade.ensemble.members=a,b,c", "llm.cascade.ensemble.normalizer=label" });

	@Test
	void theMajorityAnswerIsServedAndEveryCandidateIsListedAndPaid() {
		sim.model("m-a").answer("Spam");
		sim.model("m-b").answer("ham");
		sim.model("m-c").answer("spam.");
		// one at a time: the vote is decided only by the third answer, so every member
		// answers
		this.runner.withPropertyValues("llm.cascade.ensemble.quorum=2", "llm.cascade.ensemble.max-concurrency=1")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(CascadeFixtures.text(response)).isEqualTo("Spam");
				assertThat(RoutingReceipt.from(response).orElseThrow().tier()).isEqualTo("a");
				assertThat(cascade.steps()).hasSize(1);
				assertThat(cascade.candidates()).extracting(Candidate::tier).containsExactly("a", "b", "c");
				assertThat(cascade.candidates()).extracting(Candidate::status)
					.containsExactly(Candidate.Status.CHOSEN, Candidate.Status.ANSWERED, Candidate.Status.ANSWERED);
				assertThat(cascade.candidates()).allMatch((c) -> c.cost() > 0);
				assertThat(cascade.cost()).as("the receipt's total is every candidate paid")
					.isCloseTo(cascade.candidates().stream().mapToDouble(Candidate::cost).sum(), offset(1e-12));
				assertThat(sim.requests("strong")).isEmpty();
			});
	}

	@Test
	void weightsChangeWhichAnswerTheEnsembleServes() {
		sim.model("m-a").answer("Spam");
		sim.model("m-b").answer("ham");
		sim.model("m-c").answer("spam.");
		this.runner.withPropertyValues("llm.cascade.ensemble.quorum=2", "llm.cascade.ensemble.weights.b=3")
			.run((context) -> {
				ChatResponse response = ask(context);
				assertThat(CascadeFixtures.text(response)).isEqualTo("ham");
				assertThat(CascadeReceipt.from(response).orElseThrow().candidates())
					.filteredOn((c) -> c.tier().equals("b"))
					.singleElement()
					.satisfies((c) -> assertThat(c.status()).isEqualTo(Candidate.Status.CHOSEN));
			});
	}

	@Test
	void noQuorumEscalatesToTheConfiguredTierOrEndsAtTheBestCandidate() {
		sim.model("m-a").answer("one");
		sim.model("m-b").answer("two");
		sim.model("m-c").answer("three");
		sim.model("strong").answer("four");
		this.runner.withPropertyValues("llm.cascade.ensemble.escalate-to=large").run((context) -> {
			ChatResponse response = ask(context);
			CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
			assertThat(CascadeFixtures.text(response)).isEqualTo("four");
			assertThat(cascade.steps()).extracting(CascadeStep::tier).containsExactly("a", "large");
			assertThat(cascade.escalations()).isEqualTo(1);
		});
		this.runner.run((context) -> {
			CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
			assertThat(cascade.outcome()).as("nowhere to go: the cascade ends as it does at the end of its path")
				.isEqualTo("end-of-path");
			assertThat(cascade.steps()).hasSize(1);
		});
	}

	@Test
	void theFanOutNeverHasMoreCallsInFlightThanTheBound() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Function<RecordedRequest, String> slow = (request) -> {
			most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			try {
				Thread.sleep(150);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inFlight.decrementAndGet();
			return "same";
		};
		for (String model : List.of("m-a", "m-b", "m-c", "m-d")) {
			sim.model(model).answers(slow);
		}
		this.runner
			.withPropertyValues("llm.cascade.ensemble.members=a,b,c,d", "llm.cascade.ensemble.quorum=4",
					"llm.cascade.ensemble.max-concurrency=2")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(cascade.candidates()).hasSize(4).allMatch(Candidate::answered);
				assertThat(most.get()).isBetween(1, 2);
			});
	}

	@Test
	void membersWhoseEstimatedCostWouldCrossTheBoundAreNeverCalled() {
		sim.model("m-a").answer("yes");
		sim.model("m-b").answer("yes");
		// estimate per member: 100 output tokens x 1000 USD per million = 0.1 USD (plus
		// no input price)
		this.runner
			.withPropertyValues("llm.cascade.ensemble.members=a,b,c,d", "llm.cascade.ensemble.max-cost=0.25",
					"llm.cascade.ensemble.estimated-output-tokens=100")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.candidates()).extracting(Candidate::status)
					.containsExactly(Candidate.Status.CHOSEN, Candidate.Status.ANSWERED, Candidate.Status.SKIPPED_COST,
							Candidate.Status.SKIPPED_COST);
				assertThat(sim.requests("m-c")).isEmpty();
				assertThat(sim.requests("m-d")).isEmpty();
				assertThat(cascade.candidates().get(2).cost()).isZero();
				assertThat(cascade.candidates().get(2).reason()).contains("bound");
			});
	}

	@Test
	void aHedgedRequestServesTheFirstValidAnswerAndCancelsTheRest() {
		sim.model("m-a").answer("slow but fine").latency(Duration.ofSeconds(20));
		sim.model("m-b").answer("I'm sorry, but I can't help with that.");
		sim.model("m-c").answer("quick and fine").latency(Duration.ofMillis(100));
		this.runner.withPropertyValues("llm.cascade.ensemble.pick=first-valid").run((context) -> {
			ChatResponse response = ask(context);
			CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
			assertThat(CascadeFixtures.text(response)).isEqualTo("quick and fine");
			assertThat(cascade.accepted()).isTrue();
			List<Candidate> candidates = cascade.candidates();
			assertThat(candidates.get(0).status()).isEqualTo(Candidate.Status.CANCELLED);
			assertThat(candidates.get(0).cost()).as("a cancelled call reported no usage: not charged").isZero();
			assertThat(candidates.get(1).status()).isEqualTo(Candidate.Status.REJECTED);
			assertThat(candidates.get(1).reason()).contains("refusal");
			assertThat(candidates.get(2).status()).isEqualTo(Candidate.Status.CHOSEN);
			assertThat(cascade.cost()).isEqualTo(candidates.get(1).cost() + candidates.get(2).cost()).isPositive();
		});
	}

	@Test
	void aHedgeWithOneCallAtATimeNeverStartsTheMembersItDoesNotNeed() {
		sim.model("m-a").answer("fine");
		this.runner
			.withPropertyValues("llm.cascade.ensemble.pick=first-valid", "llm.cascade.ensemble.max-concurrency=1")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(sim.requests("m-b")).isEmpty();
				assertThat(sim.requests("m-c")).isEmpty();
				assertThat(cascade.candidates()).extracting(Candidate::status)
					.containsExactly(Candidate.Status.CHOSEN, Candidate.Status.CANCELLED, Candidate.Status.CANCELLED);
			});
	}

	@Test
	void theJudgePicksTheBestScoredAnswerAndItsCallsAreCounted() {
		sim.model("m-a").answer("a weak answer");
		sim.model("m-b").answer("a good answer");
		sim.model("judge")
			.answers((request) -> request.lastUserMessage().contains("good answer") ? CascadeFixtures.HIGH
					: CascadeFixtures.LOW);
		this.runner
			.withPropertyValues("llm.cascade.ensemble.members=a,b", "llm.cascade.ensemble.pick=judge",
					"llm.cascade.judge.tier=judge")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(CascadeFixtures.text(response)).isEqualTo("a good answer");
				assertThat(cascade.accepted()).isTrue();
				assertThat(sim.requests("judge")).hasSize(2);
				double candidates = cascade.candidates().stream().mapToDouble(Candidate::cost).sum();
				assertThat(cascade.cost()).as("both answers and both judge calls").isGreaterThan(candidates);
				assertThat(cascade.candidates().get(1).score()).isGreaterThan(cascade.candidates().get(0).score());
			});
	}

	@Test
	void badEnsembleConfigurationFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.cascade.ensemble.members=a,zz").run((context) -> {
			CascadeFixtures.assertStartupFailsNaming(context, "llm.cascade.ensemble.members[1]");
		});
		this.runner.withPropertyValues("llm.cascade.ensemble.pick=judge").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("judge.tier");
		});
		this.runner.withPropertyValues("llm.cascade.ensemble.quorum=4").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("llm.cascade.ensemble.quorum");
		});
		this.runner.withPropertyValues("llm.cascade.ensemble.max-cost=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("ensemble.max-cost");
		});
	}

	private static ChatResponse ask(ApplicationContext context) {
		return CascadeFixtures.ask(context, "Is this spam? You won");
	}

}
