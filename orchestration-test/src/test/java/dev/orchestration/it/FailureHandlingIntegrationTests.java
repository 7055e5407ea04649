package dev.orchestration.it;

import java.time.Duration;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.requestedModels;
import static dev.orchestration.it.SimulatedProviders.routingFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Failures that send a request elsewhere than the next member (long-context tier,
 * content-policy fallback tier), failures that take a member out (401), failures that
 * must not be retried, and requests nothing can serve.
 */
class FailureHandlingIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private static final String LONG_PROMPT = "Please summarise this report. "
			+ "lorem ipsum dolor sit amet ".repeat(20);

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "small-a"),
				member("small", 1, "anthropicChatModel", "small-b"), member("large", 0, "openAiChatModel", "large-a"),
				member("long", 0, "anthropicChatModel", "long-ctx"), member("safe", 0, "openAiChatModel", "safe-model"),
				new String[] { "llm.routing.default-tier=small", "llm.routing.long-context-tier=long",
						"llm.routing.content-policy-fallback-tier=safe" }));

	@Test
	void promptBeyondTheContextWindowGoesToTheLongContextTier() {
		sim.model("small-a").contextWindow(50);
		sim.model("long-ctx").answer("read it all");
		this.runner.run((context) -> {
			ChatResponse response = client(context).prompt().user(LONG_PROMPT).call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("read it all");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly("small-small-a=FAILED(CONTEXT_LENGTH)",
					"long-long-ctx=SUCCESS");
			assertThat(receipt.tier()).isEqualTo("long");
			assertThat(requestedModels(sim)).as("the rest of the small tier is not tried")
				.containsExactly("small-a", "long-ctx");
		});
	}

	@Test
	void anthropicPromptTooLongAlsoGoesToTheLongContextTier() {
		sim.model("small-b").failWith(SimulatedError.contextLengthExceeded());
		sim.model("small-a").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			RoutingReceipt receipt = receipt(client(context).prompt().user("hello").call().chatResponse());
			assertThat(outcomes(receipt)).containsExactly("small-small-a=FAILED(TRANSIENT)",
					"small-small-b=FAILED(CONTEXT_LENGTH)", "long-long-ctx=SUCCESS");
		});
	}

	@Test
	void contentPolicyRefusalGoesToTheFallbackTier() {
		sim.model("small-a").failWith(SimulatedError.contentPolicy());
		sim.model("safe-model").answer("a careful answer");
		this.runner.run((context) -> {
			ChatResponse response = client(context).prompt().user("something edgy").call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("a careful answer");
			assertThat(outcomes(receipt(response))).containsExactly("small-small-a=FAILED(CONTENT_POLICY)",
					"safe-safe-model=SUCCESS");
			assertThat(requestedModels(sim)).containsExactly("small-a", "safe-model");
		});
	}

	@Test
	void unauthorizedMemberIsMarkedUnhealthyAndSkippedOnLaterRequests() {
		sim.model("small-a").failWith(SimulatedError.unauthorized());
		this.runner.run((context) -> {
			RoutingChatClient client = client(context);
			assertThat(outcomes(receipt(client.prompt().user("one").call().chatResponse())))
				.containsExactly("small-small-a=FAILED(AUTH)", "small-small-b=SUCCESS");
			assertThat(context.getBean(RoutingChatModel.class).getHealth().status("small-small-a"))
				.isEqualTo(MemberStatus.UNHEALTHY);
			RoutingReceipt second = receipt(client.prompt().user("two").call().chatResponse());
			assertThat(outcomes(second)).containsExactly("small-small-a=UNHEALTHY", "small-small-b=SUCCESS");
			assertThat(sim.requests("small-a")).as("no HTTP call to an unhealthy member").hasSize(1);
			assertThat(sim.requests("small-b")).hasSize(2);
		});
	}

	@Test
	void unhealthyMemberIsUsedAgainAfterTheUnhealthyDuration() {
		sim.model("small-a").failNext(1, SimulatedError.unauthorized());
		this.runner.withPropertyValues("llm.resilience.unhealthy-duration=1500ms").run((context) -> {
			RoutingChatClient client = client(context);
			client.prompt().user("one").call().chatResponse();
			assertThat(outcomes(receipt(client.prompt().user("two").call().chatResponse())))
				.containsExactly("small-small-a=UNHEALTHY", "small-small-b=SUCCESS");
			MemberHealth health = context.getBean(RoutingChatModel.class).getHealth();
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> health.status("small-small-a") == MemberStatus.AVAILABLE);
			assertThat(outcomes(receipt(client.prompt().user("three").call().chatResponse())))
				.containsExactly("small-small-a=SUCCESS");
		});
	}

	@Test
	void unrecognisedBadRequestIsNotRetriedElsewhere() {
		sim.model("small-a").failWith(SimulatedError.status(400).withMessage("Invalid value for 'messages'"));
		this.runner.run((context) -> {
			Throwable thrown = catchThrowable(() -> client(context).prompt().user("hello").call().chatResponse());
			RoutingFailedException failure = routingFailure(thrown);
			assertThat(failure).as("RoutingFailedException in " + thrown).isNotNull();
			assertThat(outcomes(failure.getAttempts())).containsExactly("small-small-a=FAILED(FATAL)");
			assertThat(requestedModels(sim)).containsExactly("small-a");
		});
	}

	@Test
	void whenEveryMemberFailsTheCallerGetsOneFailureListingEveryAttempt() {
		for (String model : new String[] { "small-a", "small-b", "large-a", "long-ctx", "safe-model" }) {
			sim.model(model).failWith(SimulatedError.serverError());
		}
		this.runner.run((context) -> {
			Throwable thrown = catchThrowable(() -> client(context).prompt().user("hello").call().chatResponse());
			RoutingFailedException failure = routingFailure(thrown);
			assertThat(failure).as("RoutingFailedException in " + thrown).isNotNull();
			assertThat(thrown).as("ChatClient rethrows the router's exception as is").isSameAs(failure);
			assertThat(outcomes(failure.getAttempts())).containsExactly("small-small-a=FAILED(TRANSIENT)",
					"small-small-b=FAILED(TRANSIENT)", "large-large-a=FAILED(TRANSIENT)",
					"long-long-ctx=FAILED(TRANSIENT)", "safe-safe-model=FAILED(TRANSIENT)");
			assertThat(failure.getReceipt().succeeded()).isFalse();
			assertThat(failure.getMessage()).contains("small-small-a=FAILED(TRANSIENT InternalServerException)");
			assertThat(failure.getCause()).as("the last provider error")
				.isInstanceOf(com.openai.errors.InternalServerException.class);
			assertThat(requestedModels(sim)).containsExactly("small-a", "small-b", "large-a", "long-ctx", "safe-model");
		});
	}

	@Test
	void withoutEscalationOnlyTheChosenTierIsTried() {
		sim.model("large-a").failWith(SimulatedError.serverError());
		this.runner.withPropertyValues("llm.routing.escalate-on-tier-failure=false").run((context) -> {
			Throwable thrown = catchThrowable(() -> client(context).prompt()
				.user("hello")
				.options(RoutingChatOptions.builder().tier("large"))
				.call()
				.chatResponse());
			RoutingFailedException failure = routingFailure(thrown);
			assertThat(failure).isNotNull();
			assertThat(failure.getAttempts()).extracting(Attempt::member).containsExactly("large-large-a");
			assertThat(requestedModels(sim)).containsExactly("large-a");
		});
	}

	@Test
	void skippedMembersAreListedInTheFailureToo() {
		sim.model("small-a").failWith(SimulatedError.unauthorized());
		this.runner.withPropertyValues("llm.routing.escalate-on-tier-failure=false").run((context) -> {
			RoutingChatClient client = client(context);
			client.prompt().user("marks small-a unhealthy").call().chatResponse();
			sim.model("small-b").failWith(SimulatedError.serverError());
			RoutingFailedException failure = routingFailure(
					catchThrowable(() -> client.prompt().user("hello").call().chatResponse()));
			assertThat(failure).isNotNull();
			assertThat(failure.getAttempts()).extracting(Attempt::outcome)
				.containsExactly(AttemptOutcome.UNHEALTHY, AttemptOutcome.FAILED);
		});
	}

	private static RoutingChatClient client(ApplicationContext context) {
		return context.getBean(RoutingChatClient.class);
	}

}
