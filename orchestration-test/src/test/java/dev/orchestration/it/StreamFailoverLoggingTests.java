package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.streamedText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a stream that failed over leaves in the log, over real HTTP: the chaos run found
 * Spring AI's ERROR stack traces ({@code MessageAggregator -- Aggregation Error}) for
 * streams whose user got a full answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class StreamFailoverLoggingTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String ANSWER = "alpha beta gamma delta epsilon zeta";

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(this.sim)
		.withPropertyValues(props(member("main", 0, "openAiChatModel", "log-a"),
				member("main", 1, "anthropicChatModel", "log-b"),
				new String[] { "llm.routing.default-tier=main", "llm.routing.escalate-on-tier-failure=false" }));

	@Test
	void aStreamThatFailedOverLogsOneWarningNamingMemberAndKindWithoutAStack(CapturedOutput output) {
		this.sim.model("log-a").failWith(SimulatedError.serverError());
		this.sim.model("log-b").answer(ANSWER);
		this.runner.run((context) -> {
			assertThat(streamedText(stream(context.getBean(RoutingChatModel.class)))).isEqualTo(ANSWER);
			List<String> failover = lines(output).filter((line) -> line.contains("main-log-a")).toList();
			assertThat(failover).singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN").contains("TRANSIENT").contains("failed over"));
			assertThat(output.getOut() + output.getErr()).doesNotContain("Aggregation Error")
				.doesNotContain(" ERROR ")
				.doesNotContain("\tat ");
		});
	}

	@Test
	void aStreamCutBeforeItsFirstTokenFailsOverQuietlyToo(CapturedOutput output) {
		this.sim.model("log-a").answer(ANSWER).cutStreamAfter(0);
		this.sim.model("log-b").answer("complete answer");
		this.runner.run((context) -> {
			assertThat(streamedText(stream(context.getBean(RoutingChatModel.class)))).isEqualTo("complete answer");
			assertThat(lines(output).filter((line) -> line.contains("main-log-a"))).singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN"));
			assertThat(output.getOut() + output.getErr()).doesNotContain("Aggregation Error")
				.doesNotContain(" ERROR ")
				.doesNotContain("\tat ");
		});
	}

	@Test
	void failedOverAttemptsLogAtDebugWhenConfigured(CapturedOutput output) {
		this.sim.model("log-a").failWith(SimulatedError.serverError());
		this.sim.model("log-b").answer(ANSWER);
		this.runner.withPropertyValues("llm.routing.failover-log-level=debug").run((context) -> {
			assertThat(streamedText(stream(context.getBean(RoutingChatModel.class)))).isEqualTo(ANSWER);
			assertThat(lines(output).filter((line) -> line.contains("main-log-a"))).isEmpty();
			assertThat(output.getOut() + output.getErr()).doesNotContain("Aggregation Error");
		});
	}

	@Test
	void aStreamWhoseRequestFailedLogsTheStack(CapturedOutput output) {
		this.sim.model("log-a").failWith(SimulatedError.serverError());
		this.sim.model("log-b").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			assertThatException().isThrownBy(() -> stream(context.getBean(RoutingChatModel.class)));
			String log = output.getOut() + output.getErr();
			assertThat(log).contains("main-log-a").contains("main-log-b").contains("\tat ");
		});
	}

	private static List<ChatResponse> stream(RoutingChatModel model) {
		return model.stream(new Prompt("tell me the greek letters")).collectList().block(BLOCK);
	}

	private static Stream<String> lines(CapturedOutput output) {
		return (output.getOut() + output.getErr()).lines();
	}

}
