package dev.orchestration.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Failover inside a tier over real HTTP: server errors, rate limits with Retry-After,
 * timeouts.
 */
class FailoverIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withPropertyValues(props(member("main", 0, "openAiChatModel", "primary"),
				member("main", 1, "openAiChatModel", "secondary"),
				// default cool-down far longer than the test: only Retry-After can end it
				// in time
				new String[] { "llm.resilience.rate-limit-cooldown=60s" }));

	@Test
	void serverErrorFailsOverToTheNextMember() {
		sim.model("primary").failWith(SimulatedError.serverError());
		sim.model("secondary").answer("from the secondary");
		run((client) -> {
			ChatResponse response = client.prompt().user("hello").call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("from the secondary");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly("main-primary=FAILED(TRANSIENT)", "main-secondary=SUCCESS");
			assertThat(receipt.attempts().get(0).errorClass()).isEqualTo("InternalServerException");
			assertThat(receipt.member()).isEqualTo("main-secondary");
			assertThat(receipt.failovers()).isEqualTo(1);
			assertThat(sim.requests("primary")).as("SDK retries are off: one HTTP call").hasSize(1);
			assertThat(sim.requests("secondary")).hasSize(1);
		});
	}

	@Test
	void rateLimitedMemberIsSkippedUntilRetryAfterHasPassedThenUsedAgain() {
		sim.model("primary").failNext(1, SimulatedError.rateLimited(Duration.ofSeconds(2)));
		run((client) -> {
			RoutingChatModel router = client.getChatModel();
			Instant before = Instant.now();
			RoutingReceipt first = receipt(client.prompt().user("one").call().chatResponse());
			assertThat(outcomes(first)).containsExactly("main-primary=FAILED(RATE_LIMITED)", "main-secondary=SUCCESS");
			assertThat(router.getHealth().coolingDownUntil("main-primary")).as("cool-down from Retry-After: 2")
				.isBetween(before.plusMillis(1900), Instant.now().plusMillis(2100));

			RoutingReceipt second = receipt(client.prompt().user("two").call().chatResponse());
			assertThat(outcomes(second)).containsExactly("main-primary=COOLING_DOWN", "main-secondary=SUCCESS");
			assertThat(second.attempts().get(0).latencyMillis()).isZero();
			assertThat(sim.requests("primary")).as("no HTTP call while cooling down").hasSize(1);

			await().atMost(Duration.ofSeconds(4))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> router.getHealth().status("main-primary") == MemberStatus.AVAILABLE);
			RoutingReceipt third = receipt(client.prompt().user("three").call().chatResponse());
			assertThat(outcomes(third)).containsExactly("main-primary=SUCCESS");
			assertThat(sim.requests("primary")).hasSize(2);
			assertThat(sim.requests("secondary")).hasSize(2);
		});
	}

	@Test
	void hangingMemberTimesOutAsTransientAndTheNextMemberAnswers() {
		sim.model("primary").hang();
		sim.model("secondary").answer("on time");
		run((client) -> {
			long start = System.nanoTime();
			ChatResponse response = client.prompt().user("hello").call().chatResponse();
			long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(response.getResult().getOutput().getText()).isEqualTo("on time");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly("main-primary=FAILED(TRANSIENT)", "main-secondary=SUCCESS");
			Attempt timedOut = receipt.attempts().get(0);
			assertThat(timedOut.errorClass()).isEqualTo("OpenAIIoException");
			assertThat(timedOut.latencyMillis()).as("failed at the client timeout, not before")
				.isGreaterThanOrEqualTo(SimulatedProviders.CLIENT_TIMEOUT.toMillis() - 100);
			assertThat(elapsedMillis).isLessThan(SimulatedProviders.CLIENT_TIMEOUT.toMillis() + 3000);
			assertThat(sim.requests("primary")).hasSize(1);
		});
	}

	@Test
	void onTheCallersThreadAPassedDeadlineStopsFailoverAfterAHangingCall() {
		sim.model("primary").hang();
		this.runner.withPropertyValues("llm.resilience.deadline=300ms").run((context) -> {
			assertThatExceptionOfType(RoutingFailedException.class)
				.isThrownBy(() -> context.getBean(RoutingChatClient.class).prompt().user("hello").call().content())
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).contains("deadline of PT0.3S passed");
					assertThat(outcomes(ex.getReceipt())).as("the client timeout ended the hang; no time was left")
						.containsExactly("main-primary=FAILED(TRANSIENT)");
				});
			assertThat(sim.requests("secondary")).isEmpty();
		});
	}

	@Test
	void withThreadPoolExecutionATimeLimitShorterThanTheClientTimeoutCutsAHangingCallShort() {
		sim.model("primary").hang();
		this.runner.withPropertyValues("llm.resilience.time-limit=300ms", "llm.resilience.execution=thread-pool")
			.run((context) -> {
				long start = System.nanoTime();
				RoutingReceipt receipt = receipt(
						context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse());
				long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
				assertThat(outcomes(receipt)).containsExactly("main-primary=FAILED(TRANSIENT)",
						"main-secondary=SUCCESS");
				assertThat(receipt.attempts().get(0).errorClass()).isEqualTo("TimeoutException");
				assertThat(elapsedMillis).as("llm.resilience.time-limit, not the 1500 ms client timeout")
					.isLessThan(SimulatedProviders.CLIENT_TIMEOUT.toMillis());
			});
	}

	@Test
	void anthropicRetryAfterSetsTheCoolDown() {
		sim.model("claude-limited").failWith(SimulatedError.rateLimited(Duration.ofSeconds(20)));
		this.runner
			.withPropertyValues(props(member("backup", 0, "anthropicChatModel", "claude-limited"),
					member("backup", 1, "openAiChatModel", "gpt-second"),
					new String[] { "llm.routing.default-tier=backup" }))
			.run((context) -> {
				Instant before = Instant.now();
				RoutingReceipt receipt = receipt(
						context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse());
				assertThat(outcomes(receipt)).containsExactly("backup-claude-limited=FAILED(RATE_LIMITED)",
						"backup-gpt-second=SUCCESS");
				assertThat(
						context.getBean(RoutingChatModel.class).getHealth().coolingDownUntil("backup-claude-limited"))
					.as("20 s from Retry-After, not the 60 s default")
					.isBetween(before.plusSeconds(19), Instant.now().plusSeconds(21));
			});
	}

	@Test
	void rateLimitWithoutRetryAfterUsesTheConfiguredCoolDown() {
		sim.model("primary").failWith(SimulatedError.rateLimited(null));
		this.runner.run((context) -> {
			Instant before = Instant.now();
			context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse();
			assertThat(context.getBean(RoutingChatModel.class).getHealth().coolingDownUntil("main-primary"))
				.isBetween(before.plusSeconds(59), Instant.now().plusSeconds(61));
		});
	}

	@Test
	void overloadedAnthropicMemberFailsOverToOpenAi() {
		sim.model("claude-first").failWith(SimulatedError.overloaded());
		this.runner
			.withPropertyValues(props(member("backup", 0, "anthropicChatModel", "claude-first"),
					member("backup", 1, "openAiChatModel", "gpt-second"),
					new String[] { "llm.routing.default-tier=backup" }))
			.run((context) -> {
				ChatResponse response = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("hello")
					.call()
					.chatResponse();
				RoutingReceipt receipt = receipt(response);
				assertThat(outcomes(receipt)).containsExactly("backup-claude-first=FAILED(TRANSIENT)",
						"backup-gpt-second=SUCCESS");
				assertThat(response.getResult().getOutput().getText()).startsWith("[gpt-second]");
			});
	}

	@Test
	void attemptsCarryTokensAndCostOfTheAnsweringMember() {
		sim.model("primary").failWith(SimulatedError.serverError());
		sim.model("secondary").usage(1000, 500);
		this.runner
			.withPropertyValues("llm.tiers.main.models[1].price.input-per-million=2",
					"llm.tiers.main.models[1].price.output-per-million=10")
			.run((context) -> {
				RoutingReceipt receipt = receipt(
						context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse());
				assertThat(receipt.promptTokens()).isEqualTo(1000);
				assertThat(receipt.completionTokens()).isEqualTo(500);
				assertThat(receipt.cost()).isCloseTo(1000 * 2e-6 + 500 * 10e-6, within(1e-9));
				assertThat(receipt.attempts().get(0).cost()).isZero();
			});
	}

	private void run(Consumer<RoutingChatClient> test) {
		this.runner.run((AssertableApplicationContext context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean(RoutingChatClient.class));
		});
	}

}
