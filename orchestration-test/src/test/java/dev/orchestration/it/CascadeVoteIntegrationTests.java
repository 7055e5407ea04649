package dev.orchestration.it;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.cascade.Candidate;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vote verifier over real HTTP: voter tiers answer in parallel and a (weighted)
 * quorum must agree with the cheap answer after normalisation, or the request escalates;
 * self-consistency samples the answering tier again.
 */
class CascadeVoteIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = CascadeFixtures.runner(sim, "small,large",
			member("small", 0, "openAiChatModel", "cheap"), member("large", 0, "openAiChatModel", "strong"),
			member("peer1", 0, "openAiChatModel", "p1"), member("peer2", 0, "openAiChatModel", "p2"),
			new String[] { "llm.tiers.small.models[0].price.output-per-million=2",
					"llm.tiers.peer1.models[0].price.output-per-million=3",
					"llm.tiers.peer2.models[0].price.output-per-million=5",
					"llm.tiers.large.models[0].price.output-per-million=30", "llm.cascade.verifiers=vote",
					"llm.cascade.vote.normalizer=choice" });

	@BeforeEach
	void answers() {
		sim.model("cheap").answer("A");
		sim.model("strong").answer("Answer: B");
	}

	@Test
	void aQuorumOfAgreeingVotersAcceptsTheCheapAnswer() {
		sim.model("p1").answer("(a) of course");
		sim.model("p2").answer("B");
		this.runner.withPropertyValues("llm.cascade.vote.voters=peer1,peer2", "llm.cascade.vote.quorum=2")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(CascadeFixtures.text(response)).isEqualTo("A");
				assertThat(sim.requests("strong")).isEmpty();
				Verdict vote = cascade.steps().get(0).verdicts().get(0);
				assertThat(vote.verifier()).isEqualTo("vote");
				assertThat(vote.candidates()).extracting(Candidate::role).containsOnly(Candidate.Role.VOTE).hasSize(2);
				assertThat(vote.candidates().get(0).status()).isEqualTo(Candidate.Status.CHOSEN);
				assertThat(vote.cost()).as("the vote's cost is what its answered candidates cost")
					.isEqualTo(vote.candidates().stream().mapToDouble(Candidate::cost).sum());
				assertThat(cascade.cost()).isEqualTo(cascade.steps().get(0).answerCost() + vote.cost());
			});
	}

	@Test
	void withoutAQuorumTheRequestEscalatesAndEveryVoteIsPaidFor() {
		sim.model("p1").answer("A");
		sim.model("p2").answer("C");
		// one at a time, so that both are asked (in parallel, a "C" first already puts
		// the quorum out of reach)
		this.runner
			.withPropertyValues("llm.cascade.vote.voters=peer1,peer2", "llm.cascade.vote.quorum=3",
					"llm.cascade.vote.max-concurrency=1")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(CascadeFixtures.text(response)).isEqualTo("Answer: B");
				assertThat(cascade.steps()).extracting(CascadeStep::tier).containsExactly("small", "large");
				CascadeStep first = cascade.steps().get(0);
				assertThat(first.rejection().reason()).contains("2 of 3 votes agree").contains("quorum 3");
				assertThat(sim.requests("p1")).hasSize(1);
				assertThat(sim.requests("p2")).hasSize(1);
				assertThat(first.verifierCost()).isPositive()
					.isEqualTo(cascade.candidates().stream().mapToDouble(Candidate::cost).sum());
				assertThat(cascade.cost()).isEqualTo(
						cascade.steps().stream().mapToDouble((step) -> step.answerCost() + step.verifierCost()).sum());
			});
	}

	@Test
	void aWeightedVoteLetsAStrongVoterOutweighTheMajority() {
		sim.model("p1").answer("A");
		sim.model("p2").answer("B");
		String[] vote = { "llm.cascade.vote.voters=peer1,peer2", "llm.cascade.vote.quorum=2" };
		this.runner.withPropertyValues(vote).run((context) -> {
			assertThat(CascadeReceipt.from(ask(context)).orElseThrow().accepted()).as("plain: A has 2 of 3").isTrue();
		});
		sim.reset();
		answers();
		sim.model("p1").answer("A");
		sim.model("p2").answer("B");
		this.runner.withPropertyValues(vote).withPropertyValues("llm.cascade.vote.weights.peer2=3").run((context) -> {
			ChatResponse response = ask(context);
			CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
			assertThat(cascade.steps().get(0).accepted()).as("weighted: B weighs 3 against A's 2").isFalse();
			assertThat(cascade.steps().get(0).rejection().reason()).contains("weight 2 of 5");
			assertThat(cascade.candidates()).filteredOn((c) -> "peer2".equals(c.tier()))
				.extracting(Candidate::weight)
				.containsExactly(3.0);
			assertThat(CascadeFixtures.text(response)).isEqualTo("Answer: B");
		});
	}

	@Test
	void perTaskWeightsApplyOnlyToThatTask() {
		sim.model("p1").answer("A");
		sim.model("p2").answer("B");
		this.runner
			.withPropertyValues("llm.cascade.vote.voters=peer1,peer2", "llm.cascade.vote.quorum=2",
					"llm.cascade.tasks.quiz.vote.voters=peer1,peer2", "llm.cascade.tasks.quiz.vote.quorum=2",
					"llm.cascade.tasks.quiz.vote.normalizer=choice", "llm.cascade.tasks.quiz.vote.weights.peer2=3")
			.run((context) -> {
				assertThat(CascadeReceipt.from(ask(context)).orElseThrow().accepted()).isTrue();
				ChatResponse quiz = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("Which one? A) x B) y")
					.options(RoutingChatOptions.builder().task("quiz"))
					.call()
					.chatResponse();
				assertThat(CascadeReceipt.from(quiz).orElseThrow().steps().get(0).accepted()).isFalse();
			});
	}

	@Test
	void selfConsistencySamplesTheAnsweringTierAtTheTemperatureAndTheMajorityDecides() {
		AtomicInteger samples = new AtomicInteger();
		sim.model("cheap").answers((request) -> isSample(request) ? (samples.incrementAndGet() == 1 ? "B" : "A") : "A");
		this.runner
			.withPropertyValues("llm.cascade.vote.samples=2", "llm.cascade.vote.temperature=0.9",
					"llm.cascade.vote.quorum=2", "llm.cascade.vote.max-concurrency=1")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.accepted()).as("A, then samples B and A: 2 of 3").isTrue();
				List<RecordedRequest> requests = sim.requests("cheap");
				assertThat(requests).hasSize(3);
				assertThat(isSample(requests.get(0))).as("the answer itself keeps the request's temperature").isFalse();
				assertThat(requests.subList(1, 3)).allMatch(CascadeVoteIntegrationTests::isSample);
				assertThat(cascade.candidates()).extracting(Candidate::role).containsOnly(Candidate.Role.SAMPLE);
			});
		sim.reset();
		answers();
		sim.model("cheap").answers((request) -> isSample(request) ? "C" : "A");
		this.runner
			.withPropertyValues("llm.cascade.vote.samples=2", "llm.cascade.vote.temperature=0.9",
					"llm.cascade.vote.quorum=2")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.steps().get(0).accepted()).as("both samples say C: the majority is not A").isFalse();
				assertThat(cascade.steps()).extracting(CascadeStep::tier).containsExactly("small", "large");
			});
	}

	@Test
	void votesStopOnceTheQuorumIsReachedWithinTheConcurrencyBound() {
		sim.model("p1").answer("A");
		sim.model("p2").answer("A");
		this.runner
			.withPropertyValues("llm.cascade.vote.voters=peer1,peer2", "llm.cascade.vote.quorum=2",
					"llm.cascade.vote.max-concurrency=1")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(sim.requests("p2")).as("one agreeing vote was enough; the second is never asked").isEmpty();
				Candidate notAsked = cascade.candidates().get(1);
				assertThat(notAsked.status()).isEqualTo(Candidate.Status.CANCELLED);
				assertThat(notAsked.cost()).isZero();
			});
	}

	@Test
	void theAgreementVerifierIsAVoteOfTwo() {
		sim.model("p1").answer("B");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=agreement", "llm.cascade.agreement.tier=peer1",
					"llm.cascade.agreement.normalizer=choice")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context)).orElseThrow();
				assertThat(cascade.steps().get(0).rejection().reason()).isEqualTo("tier peer1 answered differently");
				assertThat(cascade.candidates()).singleElement()
					.satisfies((c) -> assertThat(c.tier()).isEqualTo("peer1"));
			});
	}

	@Test
	void badVoteConfigurationFailsStartUpNamingTheProperty() {
		this.runner.run((context) -> assertFailure(context, "llm.cascade.vote.voters", "nobody votes"));
		this.runner.withPropertyValues("llm.cascade.vote.voters=peer9")
			.run((context) -> assertFailure(context, "llm.cascade.vote.voters[0]", "peer9"));
		this.runner.withPropertyValues("llm.cascade.vote.voters=peer1", "llm.cascade.vote.quorum=3")
			.run((context) -> assertFailure(context, "llm.cascade.vote.quorum", "never be reached"));
		this.runner.withPropertyValues("llm.cascade.vote.voters=peer1", "llm.cascade.vote.max-concurrency=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("vote.max-concurrency");
			});
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
		CascadeFixtures.assertStartupFailsNaming(context, property, problem);
	}

	private static boolean isSample(RecordedRequest request) {
		return request.json().path("temperature").asDouble(-1) == 0.9;
	}

	private static ChatResponse ask(ApplicationContext context) {
		return CascadeFixtures.ask(context, "Which one? A) x B) y");
	}

}
