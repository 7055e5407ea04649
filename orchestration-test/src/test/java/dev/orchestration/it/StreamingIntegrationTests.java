package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.routing.StreamInterruptedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.routingFailure;
import static dev.orchestration.it.SimulatedProviders.streamedText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams through the router over real HTTP: failover before the first token,
 * interruption after it, receipts on the last chunk, and the routing meters.
 */
class StreamingIntegrationTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final String ANSWER = "alpha beta gamma delta epsilon zeta";

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(props(member("main", 0, "openAiChatModel", "stream-a"),
				member("main", 1, "anthropicChatModel", "stream-b"),
				member("other", 0, "anthropicChatModel", "stream-c"), member("other", 1, "openAiChatModel", "stream-d"),
				new String[] { "llm.routing.default-tier=main", "llm.routing.escalate-on-tier-failure=false" }));

	@Test
	void streamFailsOverBeforeTheFirstTokenAndTheLastChunkCarriesTheReceipt() {
		sim.model("stream-a").failWith(SimulatedError.serverError());
		sim.model("stream-b").answer(ANSWER);
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("tell me the greek letters"))
				.collectList()
				.block(BLOCK);
			assertThat(streamedText(chunks)).isEqualTo(ANSWER);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.streamed()).isTrue();
			assertThat(receipt.member()).isEqualTo("main-stream-b");
			assertThat(outcomes(receipt)).containsExactly("main-stream-a=FAILED(TRANSIENT)", "main-stream-b=SUCCESS");
			assertThat(chunks.subList(0, chunks.size() - 1))
				.allSatisfy((chunk) -> assertThat(RoutingReceipt.from(chunk)).isEmpty());
			assertThat(sim.requests("stream-a")).singleElement().satisfies((r) -> assertThat(r.stream()).isTrue());
			assertThat(sim.requests("stream-b")).singleElement().satisfies((r) -> assertThat(r.stream()).isTrue());
		});
	}

	@Test
	void aStreamThatStallsBeforeItsFirstTokenFailsOverAtTheStallTimeout() {
		sim.model("stream-a").hang();
		sim.model("stream-b").answer(ANSWER);
		this.runner.withPropertyValues("llm.resilience.stream-stall-timeout=300ms").run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("tell me the greek letters"))
				.collectList()
				.block(BLOCK);
			assertThat(streamedText(chunks)).isEqualTo(ANSWER);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(outcomes(receipt)).containsExactly("main-stream-a=FAILED(TRANSIENT)", "main-stream-b=SUCCESS");
			assertThat(receipt.attempts().get(0).errorClass()).as("cut by the router, before the client timeout")
				.isEqualTo("StreamStalledException");
		});
	}

	@Test
	void chatClientStreamFailsOverBeforeTheFirstToken() {
		sim.model("stream-c").failWith(SimulatedError.overloaded());
		sim.model("stream-d").answer(ANSWER);
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("tell me the greek letters")
				.options(RoutingChatOptions.builder().tier("other").temperature(0.2))
				.stream()
				.chatResponse()
				.collectList()
				.block(BLOCK);
			assertThat(streamedText(chunks)).isEqualTo(ANSWER);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.streamed()).isTrue();
			assertThat(outcomes(receipt)).containsExactly("other-stream-c=FAILED(TRANSIENT)", "other-stream-d=SUCCESS");
			assertThat(sim.requests("stream-d").get(0).json().path("temperature").asDouble()).isEqualTo(0.2);
		});
	}

	@Test
	void streamThatBreaksBeforeAnyContentStillFailsOver() {
		sim.model("stream-a").answer(ANSWER).cutStreamAfter(0);
		sim.model("stream-b").answer("complete answer");
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello"))
				.collectList()
				.block(BLOCK);
			assertThat(streamedText(chunks)).isEqualTo("complete answer");
			assertThat(outcomes(receipt(chunks.get(chunks.size() - 1))))
				.containsExactly("main-stream-a=FAILED(TRANSIENT)", "main-stream-b=SUCCESS");
		});
	}

	@Test
	void hangingStreamFailsOverAtTheClientTimeout() {
		sim.model("stream-a").hang();
		sim.model("stream-b").answer(ANSWER);
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello"))
				.collectList()
				.block(BLOCK);
			assertThat(streamedText(chunks)).isEqualTo(ANSWER);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(outcomes(receipt)).containsExactly("main-stream-a=FAILED(TRANSIENT)", "main-stream-b=SUCCESS");
			assertThat(receipt.attempts().get(0).latencyMillis())
				.isGreaterThanOrEqualTo(SimulatedProviders.CLIENT_TIMEOUT.toMillis() - 100);
		});
	}

	@Test
	void anthropicMidStreamCutAlsoEndsWithStreamInterruptedException() {
		sim.model("stream-c").answer(ANSWER).cutStreamAfter(2);
		this.runner.run((context) -> {
			List<ChatResponse> received = new CopyOnWriteArrayList<>();
			Throwable error = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello", RoutingChatOptions.builder().tier("other").build()))
				.doOnNext(received::add)
				.then()
				.flux()
				.materialize()
				.filter((s) -> s.isOnError())
				.map((s) -> s.getThrowable())
				.blockFirst(BLOCK);
			assertThat(error).isInstanceOf(StreamInterruptedException.class);
			assertThat(streamedText(received)).isNotEmpty();
			assertThat(sim.requests("stream-d")).isEmpty();
		});
	}

	@Test
	void streamedReceiptCarriesTheReportedUsage() {
		sim.model("stream-a").answer(ANSWER).usage(120, 6);
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello"))
				.collectList()
				.block(BLOCK);
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(receipt.promptTokens()).isEqualTo(120);
			assertThat(receipt.completionTokens()).isEqualTo(6);
		});
	}

	@Test
	void midStreamCutEndsWithStreamInterruptedExceptionAndNoSecondMember() {
		sim.model("stream-a").answer(ANSWER).cutStreamAfter(3);
		this.runner.run((context) -> {
			List<ChatResponse> received = new CopyOnWriteArrayList<>();
			Throwable error = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("tell me the greek letters"))
				.doOnNext(received::add)
				.then()
				.flux()
				.materialize()
				.filter((signal) -> signal.isOnError())
				.map((signal) -> signal.getThrowable())
				.blockFirst(BLOCK);
			assertThat(error).as("the stream must end with an error, never complete")
				.isInstanceOf(StreamInterruptedException.class);
			assertThat(streamedText(received)).as("tokens were delivered before the cut").isNotEmpty();
			assertThat(ANSWER).startsWith(streamedText(received));
			assertThat(streamedText(received)).isNotEqualTo(ANSWER);
			assertThat(received).noneSatisfy((chunk) -> assertThat(RoutingReceipt.from(chunk)).isPresent());
			StreamInterruptedException interrupted = (StreamInterruptedException) error;
			assertThat(outcomes(interrupted.getAttempts())).containsExactly("main-stream-a=FAILED(TRANSIENT)");
			assertThat(interrupted.getReceipt().streamed()).isTrue();
			assertThat(sim.requests("stream-b")).as("no failover once tokens reached the caller").isEmpty();

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("llm.stream.interrupted").tag("member", "main-stream-a").counter().count())
				.isEqualTo(1.0);
			assertThat(meters.get("llm.requests").tag("outcome", "interrupted").counter().count()).isEqualTo(1.0);
		});
	}

	@Test
	void chatClientStreamCutAlsoEndsWithAnError() {
		sim.model("stream-a").answer(ANSWER).cutStreamAfter(3);
		this.runner.run((context) -> {
			Flux<ChatResponse> stream = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("tell me the greek letters")
				.stream()
				.chatResponse();
			Throwable error = stream.then()
				.flux()
				.materialize()
				.filter((s) -> s.isOnError())
				.map((s) -> s.getThrowable())
				.blockFirst(BLOCK);
			assertThat(routingFailure(error)).as("StreamInterruptedException in " + error)
				.isInstanceOf(StreamInterruptedException.class);
			assertThat(sim.requests("stream-b")).isEmpty();
		});
	}

	@Test
	void rateLimitedStreamCoolsTheMemberDown() {
		sim.model("stream-a").failNext(1, SimulatedError.rateLimited(Duration.ofSeconds(30)));
		this.runner.run((context) -> {
			RoutingChatModel router = context.getBean(RoutingChatModel.class);
			List<ChatResponse> first = router.stream(new Prompt("one")).collectList().block(BLOCK);
			assertThat(outcomes(receipt(first.get(first.size() - 1))))
				.containsExactly("main-stream-a=FAILED(RATE_LIMITED)", "main-stream-b=SUCCESS");
			List<ChatResponse> second = router.stream(new Prompt("two")).collectList().block(BLOCK);
			assertThat(outcomes(receipt(second.get(second.size() - 1)))).containsExactly("main-stream-a=COOLING_DOWN",
					"main-stream-b=SUCCESS");
			assertThat(sim.requests("stream-a")).hasSize(1);
		});
	}

	@Test
	void streamWhereEveryMemberFailsEndsWithRoutingFailedException() {
		sim.model("stream-a").failWith(SimulatedError.serverError());
		sim.model("stream-b").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			Throwable error = context.getBean(RoutingChatModel.class)
				.stream(new Prompt("hello"))
				.then()
				.flux()
				.materialize()
				.filter((s) -> s.isOnError())
				.map((s) -> s.getThrowable())
				.blockFirst(BLOCK);
			assertThat(error).isExactlyInstanceOf(RoutingFailedException.class);
			assertThat(outcomes(((RoutingFailedException) error).getAttempts()))
				.containsExactly("main-stream-a=FAILED(TRANSIENT)", "main-stream-b=FAILED(TRANSIENT)");
		});
	}

	@Test
	void routingMetersCountRequestsAndFailovers() {
		sim.model("stream-a").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			client.prompt().user("called").call().chatResponse();
			client.prompt().user("streamed").stream().chatResponse().blockLast(BLOCK);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("llm.requests")
				.tags("tier", "main", "member", "main-stream-b", "outcome", "success", "streamed", "false")
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(meters.get("llm.requests")
				.tags("tier", "main", "member", "main-stream-b", "outcome", "success", "streamed", "true")
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(meters.get("llm.failovers")
				.tags("tier", "main", "from", "main-stream-a", "to", "main-stream-b", "reason", "TRANSIENT")
				.counter()
				.count()).isEqualTo(2.0);
			assertThat(meters.find("llm.stream.interrupted").counter()).isNull();
		});
	}

}
