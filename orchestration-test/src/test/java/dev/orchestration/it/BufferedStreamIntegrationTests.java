package dev.orchestration.it;

import java.util.List;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.StreamInterruptedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.streamedText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Buffered streams over real HTTP: a member whose stream is cut after its first chunks
 * fails over when nobody has seen those chunks yet (the caller asked for a buffered
 * stream, or the cascade collects the stream to verify it), where a pass-through stream
 * ends with {@link StreamInterruptedException}. Found by the chaos harness's
 * {@code stream-cuts} phase (docs/reliability.md).
 */
class BufferedStreamIntegrationTests {

	private static final String ANSWER = "alpha beta gamma delta epsilon zeta";

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = CascadeFixtures.runner(sim, "small,large",
			member("small", 0, "openAiChatModel", "cutting"), member("small", 1, "openAiChatModel", "whole"),
			member("large", 0, "anthropicChatModel", "strong"), new String[] { "llm.cascade.verifiers=non-empty" });

	@BeforeEach
	void aMemberThatCutsItsStreamsAfterTwoChunks() {
		sim.model("cutting").answer(ANSWER).cutStreamAfter(2);
		sim.model("whole").answer("complete answer");
		sim.model("strong").answer("strong answer");
	}

	@Test
	void aPassThroughStreamCutAfterItsFirstChunksEndsWithAnInterruption() {
		this.runner.withPropertyValues("llm.cascade.enabled=false").run((context) -> {
			assertThatThrownBy(() -> context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello"))
				.collectList()
				.block(CascadeFixtures.CLIENT_TIMEOUT)).isInstanceOf(StreamInterruptedException.class);
			assertThat(sim.requests("whole")).as("no failover once chunks reached the caller").isEmpty();
		});
	}

	@Test
	void aBufferedStreamCutAfterItsFirstChunksFailsOverAndNoCutTextReachesTheCaller() {
		this.runner.withPropertyValues("llm.cascade.enabled=false").run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello", RoutingChatOptions.builder().bufferedStream(true).build()))
				.collectList()
				.block(CascadeFixtures.CLIENT_TIMEOUT);
			assertThat(streamedText(chunks)).isEqualTo("complete answer");
			assertThat(chunks).as("the whole member's stream, passed on after it completed").hasSizeGreaterThan(1);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.streamed()).isTrue();
			assertThat(outcomes(receipt)).containsExactly("small-cutting=FAILED(TRANSIENT)", "small-whole=SUCCESS");
			assertThat(receipt.attempts().get(0).completionTokens())
				.as("the cut member's chunks were counted, though never passed on")
				.isPositive();
		});
	}

	@Test
	void aCascadeBufferedStreamFailsOverWithinTheTierInsteadOfEndingTheRequest() {
		this.runner.withPropertyValues("llm.cascade.stream=buffered").run((context) -> {
			List<ChatClientResponse> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("hello")
				.stream()
				.chatClientResponse()
				.collectList()
				.block(CascadeFixtures.CLIENT_TIMEOUT);
			assertThat(chunks).hasSize(1);
			ChatResponse answer = chunks.get(0).chatResponse();
			assertThat(CascadeFixtures.text(answer)).isEqualTo("complete answer");
			CascadeReceipt cascade = CascadeReceipt.from(answer).orElseThrow();
			assertThat(cascade.accepted()).isTrue();
			assertThat(cascade.steps()).extracting((step) -> step.tier()).containsExactly("small");
			assertThat(sim.requests("cutting").get(0).stream()).as("the cut member was streamed from").isTrue();
			assertThat(sim.requests("strong")).as("the tier answered: no escalation").isEmpty();
		});
	}

}
