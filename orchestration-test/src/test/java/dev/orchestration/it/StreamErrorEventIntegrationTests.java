package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.routing.StreamInterruptedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.ProviderErrorShapes.ANTHROPIC_BACKUP;
import static dev.orchestration.it.ProviderErrorShapes.ANTHROPIC_PRIMARY;
import static dev.orchestration.it.ProviderErrorShapes.LONG;
import static dev.orchestration.it.ProviderErrorShapes.OPENAI_BACKUP;
import static dev.orchestration.it.ProviderErrorShapes.OPENAI_PRIMARY;
import static dev.orchestration.it.ProviderErrorShapes.SAFE;
import static dev.orchestration.it.ProviderErrorShapes.coolDownLeft;
import static dev.orchestration.it.ProviderErrorShapes.health;
import static dev.orchestration.it.ProviderErrorShapes.unavailableLeft;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.routingFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real provider error shapes on the stream path, over real HTTP through Spring AI's
 * OpenAI and Anthropic clients: SSE error events after HTTP 200 (Anthropic
 * {@code event: error}, OpenAI {@code data: {"error": ...}}) before any token fail over
 * by their error type, after tokens they end the stream with a
 * {@link StreamInterruptedException} carrying the receipt; HTTP error shapes (Azure,
 * account trouble, reset headers, context and content variants) take the same next step
 * as on a call. The last chunk carries the receipt on success.
 */
class StreamErrorEventIntegrationTests {

	private static final Duration BLOCK = Duration.ofSeconds(15);

	private static final String ANSWER = "alpha beta gamma delta epsilon zeta";

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = ProviderErrorShapes.runner(sim);

	@BeforeEach
	void resetSimulator() {
		for (String model : new String[] { "claude-backup", "gpt-backup", "safe-model", "long-ctx" }) {
			sim.model(model).answer(ANSWER);
		}
	}

	// --- SSE error events after HTTP 200 (family 2)

	@Test
	void anthropicOverloadedEventBeforeAnyTokenFailsOverToTheNextMember() {
		sim.model("claude-primary").failWith(SimulatedError.overloaded().inStream(0));
		this.runner.run((context) -> {
			List<ChatResponse> chunks = stream(context, "anthropic");
			assertThat(text(chunks)).isEqualTo(ANSWER);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.streamed()).isTrue();
			assertThat(outcomes(receipt)).containsExactly(ANTHROPIC_PRIMARY + "=FAILED(TRANSIENT)",
					ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(sim.requests("claude-primary")).singleElement()
				.satisfies((r) -> assertThat(r.stream()).isTrue());
		});
	}

	@Test
	void anthropicApiErrorEventBeforeAnyTokenFailsOver() {
		sim.model("claude-primary").failWith(SimulatedError.serverError().inStream(0));
		this.runner.run((context) -> assertThat(outcomes(receipt(last(stream(context, "anthropic")))))
			.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(TRANSIENT)", ANTHROPIC_BACKUP + "=SUCCESS"));
	}

	@Test
	void anthropicRateLimitEventBeforeAnyTokenCoolsTheMemberDownAndFailsOver() {
		sim.model("claude-primary").failWith(SimulatedError.rateLimited(null).inStream(0));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "anthropic")))))
				.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(RATE_LIMITED)", ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(health(context).status(ANTHROPIC_PRIMARY)).isEqualTo(MemberStatus.COOLING_DOWN);
		});
	}

	@Test
	void openAiErrorChunkBeforeAnyTokenFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.serverError().inStream(0));
		this.runner.run((context) -> assertThat(outcomes(receipt(last(stream(context, "openai")))))
			.containsExactly(OPENAI_PRIMARY + "=FAILED(TRANSIENT)", OPENAI_BACKUP + "=SUCCESS"));
	}

	@Test
	void openAiRateLimitChunkBeforeAnyTokenCoolsTheMemberDownAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.rateLimited(null).inStream(0));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "openai")))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(RATE_LIMITED)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.COOLING_DOWN);
		});
	}

	@Test
	void anthropicOverloadedEventAfterTokensEndsTheStreamWithTheReceipt() {
		sim.model("claude-primary").answer(ANSWER).failWith(SimulatedError.overloaded().inStream(2));
		this.runner.run((context) -> {
			List<ChatResponse> received = new CopyOnWriteArrayList<>();
			Throwable error = streamError(context, "anthropic", received);
			assertThat(error).isInstanceOf(StreamInterruptedException.class);
			assertThat(text(received)).as("tokens before the error event").isNotEmpty();
			assertThat(ANSWER).startsWith(text(received));
			StreamInterruptedException interrupted = (StreamInterruptedException) error;
			assertThat(outcomes(interrupted.getAttempts())).containsExactly(ANTHROPIC_PRIMARY + "=FAILED(TRANSIENT)");
			assertThat(interrupted.getReceipt().streamed()).isTrue();
			assertThat(interrupted.getCause()).isInstanceOf(com.anthropic.errors.SseException.class);
			assertThat(sim.requests("gpt-backup")).as("no second member after tokens").isEmpty();
		});
	}

	@Test
	void openAiErrorChunkAfterTokensEndsTheStreamWithTheReceipt() {
		sim.model("gpt-primary").answer(ANSWER).failWith(SimulatedError.serverError().inStream(2));
		this.runner.run((context) -> {
			List<ChatResponse> received = new CopyOnWriteArrayList<>();
			Throwable error = streamError(context, "openai", received);
			assertThat(error).isInstanceOf(StreamInterruptedException.class);
			assertThat(text(received)).isNotEmpty();
			StreamInterruptedException interrupted = (StreamInterruptedException) error;
			assertThat(outcomes(interrupted.getAttempts())).containsExactly(OPENAI_PRIMARY + "=FAILED(TRANSIENT)");
			assertThat(interrupted.getCause()).isInstanceOf(com.openai.errors.SseException.class);
			assertThat(sim.requests("claude-backup")).isEmpty();
		});
	}

	@Test
	void invalidRequestEventBeforeAnyTokenIsNotRetriedElsewhereAndCarriesTheReceipt() {
		sim.model("claude-primary")
			.failWith(SimulatedError.status(400).withMessage("messages: roles must alternate").inStream(0));
		this.runner.run((context) -> {
			RoutingFailedException failure = routingFailure(
					streamError(context, "anthropic", new CopyOnWriteArrayList<>()));
			assertThat(failure).isNotNull();
			assertThat(outcomes(failure.getAttempts())).containsExactly(ANTHROPIC_PRIMARY + "=FAILED(FATAL)");
			assertThat(failure.getReceipt().streamed()).isTrue();
			assertThat(sim.requests("gpt-backup")).isEmpty();
		});
	}

	// --- HTTP error shapes on the stream path (families 1, 3, 4, 5, 6)

	@Test
	void azureContentFilterOnAStreamGoesToTheContentPolicyTier() {
		sim.model("gpt-primary").failWith(SimulatedError.azureContentFilter());
		this.runner.run((context) -> {
			RoutingReceipt receipt = receipt(last(stream(context, "openai")));
			assertThat(outcomes(receipt)).containsExactly(OPENAI_PRIMARY + "=FAILED(CONTENT_POLICY)",
					SAFE + "=SUCCESS");
			assertThat(receipt.tier()).isEqualTo("safe");
		});
	}

	@Test
	void azureWrongKeyOnAStreamMarksTheMemberUnhealthyAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.azureUnauthorized());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "openai")))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(AUTH)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.UNHEALTHY);
		});
	}

	@Test
	void azureRateLimitOnAStreamKeepsItsRetryAfter() {
		sim.model("gpt-primary").failWith(SimulatedError.azureRateLimited(Duration.ofSeconds(20)));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "openai")))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(RATE_LIMITED)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(coolDownLeft(context, OPENAI_PRIMARY)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
		});
	}

	@Test
	void contextLimitVariantOnAStreamGoesToTheLongContextTier() {
		sim.model("claude-primary").failWith(SimulatedError.contextLimitVariant());
		this.runner.run((context) -> assertThat(outcomes(receipt(last(stream(context, "anthropic")))))
			.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(CONTEXT_LENGTH)", LONG + "=SUCCESS"));
	}

	@Test
	void invalidPromptOnAStreamGoesToTheContentPolicyTier() {
		sim.model("gpt-primary").failWith(SimulatedError.invalidPrompt());
		this.runner.run((context) -> assertThat(outcomes(receipt(last(stream(context, "openai")))))
			.containsExactly(OPENAI_PRIMARY + "=FAILED(CONTENT_POLICY)", SAFE + "=SUCCESS"));
	}

	@Test
	void accountTroubleOnAStreamMarksTheMemberUnavailableAndFailsOver() {
		sim.model("claude-primary").failWith(SimulatedError.insufficientQuota());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "anthropic")))))
				.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(ACCOUNT)", ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(health(context).status(ANTHROPIC_PRIMARY)).isEqualTo(MemberStatus.UNAVAILABLE);
			assertThat(unavailableLeft(context, ANTHROPIC_PRIMARY)).isBetween(Duration.ofMinutes(59),
					Duration.ofMinutes(60));
		});
	}

	@Test
	void quotaExhaustedOnAnOpenAiStreamIsAccountTroubleNotARateLimit() {
		sim.model("gpt-primary").failWith(SimulatedError.insufficientQuota());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "openai")))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(ACCOUNT)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).coolingDownUntil(OPENAI_PRIMARY)).isNull();
		});
	}

	@Test
	void resetHeadersOnAStreamSetTheCoolDownLength() {
		sim.model("claude-primary").failWith(SimulatedError.rateLimitedWithResetHeaders(Duration.ofMinutes(10)));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(last(stream(context, "anthropic")))))
				.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(RATE_LIMITED)", ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(coolDownLeft(context, ANTHROPIC_PRIMARY)).isBetween(Duration.ofMinutes(9),
					Duration.ofMinutes(10));
		});
	}

	private static List<ChatResponse> stream(ApplicationContext context, String tier) {
		List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
			.stream(new Prompt("tell me the greek letters", RoutingChatOptions.builder().tier(tier).build()))
			.collectList()
			.block(BLOCK);
		assertThat(chunks).isNotEmpty();
		return chunks;
	}

	private static Throwable streamError(ApplicationContext context, String tier, List<ChatResponse> received) {
		return context.getBean(RoutingChatModel.class)
			.stream(new Prompt("tell me the greek letters", RoutingChatOptions.builder().tier(tier).build()))
			.doOnNext(received::add)
			.then()
			.flux()
			.materialize()
			.filter((signal) -> signal.isOnError())
			.map((signal) -> signal.getThrowable())
			.blockFirst(BLOCK);
	}

	private static ChatResponse last(List<ChatResponse> chunks) {
		return chunks.get(chunks.size() - 1);
	}

	private static String text(List<ChatResponse> chunks) {
		StringBuilder text = new StringBuilder();
		for (ChatResponse chunk : chunks) {
			if (chunk.getResult() != null && chunk.getResult().getOutput() != null) {
				text.append(Objects.toString(chunk.getResult().getOutput().getText(), ""));
			}
		}
		return text.toString();
	}

}
