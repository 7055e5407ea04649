package dev.orchestration.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orchestration.cache.Cacheability;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.CascadeFixtures.ask;
import static dev.orchestration.it.SimulatedProviders.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cheap first, verify, escalate, over real HTTP: validators, a judge tier and an
 * agreement tier decide whether the cheap answer stands or the request goes to the next
 * tier.
 */
class CascadeIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = CascadeFixtures.runner(sim, "small,large",
			member("small", 0, "openAiChatModel", "cheap"), member("large", 0, "anthropicChatModel", "strong"),
			member("judge", 0, "openAiChatModel", "judge"), member("peer", 0, "openAiChatModel", "peer"),
			new String[] { "llm.tiers.small.models[0].price.input-per-million=1",
					"llm.tiers.small.models[0].price.output-per-million=2",
					"llm.tiers.large.models[0].price.input-per-million=10",
					"llm.tiers.large.models[0].price.output-per-million=30",
					"llm.tiers.judge.models[0].price.input-per-million=1",
					"llm.tiers.judge.models[0].price.output-per-million=2" });

	@BeforeEach
	void resetSimulator() {
		sim.model("cheap").answer("cheap answer");
		sim.model("strong").answer("strong answer");
	}

	@Test
	void aFailingValidatorEscalatesToTheNextTier() {
		sim.model("cheap").answer("I'm sorry, but I can't help with that.");
		this.runner.run((context) -> {
			ChatResponse response = ask(context, "Summarise the report");
			CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
			assertThat(CascadeFixtures.text(response)).isEqualTo("strong answer");
			assertThat(cascade.outcome()).isEqualTo("accepted");
			assertThat(cascade.steps()).extracting(CascadeStep::tier).containsExactly("small", "large");
			assertThat(cascade.steps().get(0).rejection().verifier()).isEqualTo("refusal");
			RoutingReceipt served = RoutingReceipt.from(response).orElseThrow();
			assertThat(served.route().layer()).isEqualTo(RouteLayer.CASCADE);
			assertThat(served.route().reason()).contains("from small: refusal");
			assertThat(context.getBean(MeterRegistry.class)
				.get("llm.escalations")
				.tags("from", "small", "to", "large", "reason", "refusal")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aJudgeTierOpenToFailoverAnswersUsersWhenTheTiersOnThePathFail() {
		sim.model("cheap").failWith(SimulatedError.serverError());
		sim.model("strong").failWith(SimulatedError.serverError());
		sim.model("judge").answer("judge's own answer");
		this.runner.withPropertyValues("llm.cascade.verifiers=non-empty").run((context) -> {
			ChatResponse response = ask(context, "Summarise the report");
			assertThat(CascadeFixtures.text(response)).as("escalation went on past the path, to the judge tier")
				.isEqualTo("judge's own answer");
		});
	}

	@Test
	void aTierClosedToFailoverNeverAnswersForTheTiersOnThePath() {
		sim.model("cheap").failWith(SimulatedError.serverError());
		sim.model("strong").failWith(SimulatedError.serverError());
		this.runner
			.withPropertyValues("llm.cascade.verifiers=non-empty", "llm.tiers.judge.failover-target=false",
					"llm.tiers.peer.failover-target=false")
			.run((context) -> {
				assertThatExceptionOfType(RoutingFailedException.class)
					.isThrownBy(() -> ask(context, "Summarise the report"));
				assertThat(sim.requests("judge")).isEmpty();
				assertThat(sim.requests("peer")).isEmpty();
				ChatResponse direct = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("Grade this")
					.options(RoutingChatOptions.builder().tier("judge"))
					.call()
					.chatResponse();
				assertThat(RoutingReceipt.from(direct).orElseThrow().tier())
					.as("a request asking for the tier is still served")
					.isEqualTo("judge");
			});
	}

	@Test
	void aLowJudgeScoreEscalatesAndEveryCallIsCountedInUsageAndCost() {
		sim.model("judge")
			.answers((request) -> request.lastUserMessage().contains("cheap answer") ? CascadeFixtures.LOW
					: CascadeFixtures.HIGH);
		this.runner
			.withPropertyValues("llm.cascade.verifiers=non-empty,judge", "llm.cascade.judge.tier=judge",
					"llm.cascade.judge.threshold=0.7")
			.run((context) -> {
				ChatResponse response = ask(context, "Explain the theory of relativity briefly");
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(CascadeFixtures.text(response)).isEqualTo("strong answer");
				Verdict lowVerdict = cascade.steps().get(0).verdicts().get(1);
				assertThat(lowVerdict.verifier()).isEqualTo("judge");
				assertThat(lowVerdict.accepted()).isFalse();
				assertThat(lowVerdict.scores()).containsEntry("relevance", 0.2).containsEntry("hallucinationRisk", 0.8);
				assertThat(cascade.steps().get(1).verdicts()).extracting(Verdict::verifier)
					.as("the last tier's answer is not judged: no verdict could change what is served")
					.containsExactly("non-empty");
				assertThat(sim.requests("judge")).hasSize(1);
				double expected = cascade.steps()
					.stream()
					.mapToDouble((step) -> step.answerCost() + step.verifierCost())
					.sum();
				assertThat(cascade.cost()).isEqualTo(expected).isPositive();
				assertThat(cascade.steps().get(0).verifierCost()).as("the judge's own call is counted").isPositive();
				long promptTokens = sim.requests()
					.stream()
					.mapToLong((r) -> (long) Math.ceil(r.lastUserMessage().length() / 4.0))
					.sum();
				assertThat(response.getMetadata().getUsage().getPromptTokens())
					.as("usage is summed over both answers and the judge call")
					.isEqualTo((int) cascade.promptTokens())
					.isGreaterThanOrEqualTo((int) promptTokens);
			});
	}

	@Test
	void disagreementWithThePeerTierEscalates() {
		sim.model("cheap").answer("A");
		sim.model("peer").answer("B) because...");
		sim.model("strong").answer("Answer: B");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=agreement", "llm.cascade.agreement.tier=peer",
					"llm.cascade.agreement.normalizer=choice")
			.run((context) -> {
				ChatResponse response = ask(context, "Which option? A) one B) two");
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(cascade.steps().get(0).rejection().reason()).contains("answered differently");
				assertThat(cascade.steps().get(1).accepted()).isTrue();
				assertThat(CascadeFixtures.text(response)).isEqualTo("Answer: B");
				assertThat(sim.requests("peer")).as("no agreement call once nothing stronger is left").hasSize(1);
			});
	}

	@Test
	void agreementAcceptsTheCheapAnswerWithoutCallingTheStrongTier() {
		sim.model("cheap").answer("C");
		sim.model("peer").answer("(c)");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=agreement", "llm.cascade.agreement.tier=peer",
					"llm.cascade.agreement.normalizer=choice")
			.run((context) -> {
				CascadeReceipt cascade = CascadeReceipt.from(ask(context, "Pick one")).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(sim.requests("strong")).isEmpty();
			});
	}

	@Test
	void toolCallTurnsAreNeverJudgedOnlyTheFinalAnswer() {
		sim.model("cheap").toolCall("get_weather", "{\"city\":\"Paris\"}").answer("It is sunny in Paris");
		sim.model("judge").answer(CascadeFixtures.HIGH);
		List<String> calls = new ArrayList<>();
		this.runner.withPropertyValues("llm.cascade.verifiers=judge", "llm.cascade.judge.tier=judge").run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("What's the weather in Paris?")
				.toolCallbacks(SimulatedProviders.weatherTool(calls))
				.call()
				.chatResponse();
			assertThat(calls).hasSize(1);
			assertThat(CascadeFixtures.text(response)).isEqualTo("It is sunny in Paris");
			assertThat(sim.requests("judge")).as("judged once, on the final answer").hasSize(1);
			assertThat(sim.requests("judge").get(0).lastUserMessage()).contains("It is sunny in Paris");
		});
	}

	@Test
	void escalationsAreBoundedAndTheBestAnswerIsReturnedWithTheReason() {
		sim.model("cheap").answer("");
		sim.model("strong").answer("");
		this.runner.withPropertyValues("llm.cascade.max-escalations=0").run((context) -> {
			ChatResponse response = ask(context, "Anything");
			CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
			assertThat(cascade.outcome()).isEqualTo("max-escalations");
			assertThat(cascade.steps()).hasSize(1);
			assertThat(sim.requests("strong")).isEmpty();
			assertThat((Object) response.getMetadata().get(Cacheability.VERIFICATION_FAILED)).isEqualTo(true);
		});
		this.runner.run((context) -> {
			CascadeReceipt cascade = CascadeReceipt.from(ask(context, "Anything else")).orElseThrow();
			assertThat(cascade.outcome()).isEqualTo("end-of-path");
			assertThat(cascade.steps()).hasSize(2);
		});
	}

	@Test
	void aJudgeThatFailsFollowsTheConfiguredPolicy() {
		sim.model("judge").answer("I think the answer is fine!");
		this.runner.withPropertyValues("llm.cascade.verifiers=judge", "llm.cascade.judge.tier=judge").run((context) -> {
			CascadeReceipt cascade = CascadeReceipt.from(ask(context, "Question one")).orElseThrow();
			assertThat(cascade.accepted()).isTrue();
			assertThat(cascade.steps().get(0).verdicts().get(0).reason()).contains("unusable")
				.contains("accepted by policy");
		});
		sim.model("judge").hang();
		this.runner
			.withPropertyValues("llm.cascade.verifiers=judge", "llm.cascade.judge.tier=judge",
					"llm.cascade.judge.timeout=300ms", "llm.cascade.judge.on-failure=escalate")
			.run((context) -> {
				long start = System.nanoTime();
				CascadeReceipt cascade = CascadeReceipt.from(ask(context, "Question two")).orElseThrow();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				assertThat(cascade.steps()).hasSize(2);
				assertThat(cascade.steps().get(0).rejection().reason()).contains("judge failed")
					.contains("escalating by policy");
			});
	}

	@Test
	void escalationsAreRateLimitedUnderPileUp() {
		sim.model("cheap").answer("");
		this.runner
			.withPropertyValues("llm.cascade.escalation-rate.permits-per-second=0.001",
					"llm.cascade.escalation-rate.burst=1")
			.run((context) -> {
				assertThat(CascadeReceipt.from(ask(context, "First")).orElseThrow().steps()).hasSize(2);
				CascadeReceipt second = CascadeReceipt.from(ask(context, "Second")).orElseThrow();
				assertThat(second.outcome()).isEqualTo("escalation-rate-limited");
				assertThat(sim.requests("strong")).hasSize(1);
			});
	}

	@Test
	void perTaskPoliciesOverrideTheDefaults() {
		sim.model("cheap").answer("forty-two");
		sim.model("strong").answer("42");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=", "llm.cascade.tasks.arithmetic.verifiers=pattern",
					"llm.cascade.tasks.arithmetic.pattern=^\\d+$")
			.run((context) -> {
				assertThat(CascadeFixtures.text(ask(context, "What is six times seven?"))).isEqualTo("forty-two");
				ChatResponse withTask = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("What is six times seven?")
					.options(RoutingChatOptions.builder().task("arithmetic"))
					.call()
					.chatResponse();
				assertThat(CascadeFixtures.text(withTask)).isEqualTo("42");
			});
	}

	@Test
	void unknownVerifierOrMissingTierFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.cascade.verifiers=non-empty,oracle").run((context) -> {
			CascadeFixtures.assertStartupFailsNaming(context, "llm.cascade.verifiers[1]", "oracle");
		});
		this.runner.withPropertyValues("llm.cascade.verifiers=agreement").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("agreement.tier");
		});
	}

}
