package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.it.SimulatedProviders.WeatherRequest;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.weatherTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tools offered through the ChatClient survive a switch of provider: the member that
 * answers after a failover gets the tool definitions, and Spring AI's tool loop
 * (ToolCallingAdvisor) runs the tool and calls the router again.
 */
class ToolCallFailoverIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withPropertyValues(props(member("main", 0, "openAiChatModel", "tool-a"),
				member("main", 1, "anthropicChatModel", "tool-b"), member("openai", 0, "openAiChatModel", "tool-c"),
				member("openai", 1, "openAiChatModel", "tool-d"),
				new String[] { "llm.routing.default-tier=main", "llm.routing.escalate-on-tier-failure=false" }));

	@Test
	void toolDefinitionsAndTheToolLoopSurviveFailoverFromOpenAiToAnthropic() {
		sim.model("tool-a").failWith(SimulatedError.serverError());
		sim.model("tool-b")
			.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.answers((request) -> "Tool said: " + request.lastToolResult());
		List<String> toolCalls = new CopyOnWriteArrayList<>();
		this.runner.run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Weather in Paris?")
				.toolCallbacks(weatherTool(toolCalls))
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("Tool said: \"sunny in Paris\"");
			assertThat(toolCalls).as("the tool ran once, in the caller's JVM").containsExactly("Paris");

			List<RecordedRequest> anthropic = sim.requests("tool-b");
			assertThat(anthropic).as("tool-call turn, then the turn with the tool result").hasSize(2);
			assertThat(anthropic.get(0).toolNames()).containsExactly("get_weather");
			assertThat(anthropic.get(0).hasToolResult()).isFalse();
			assertThat(anthropic.get(1).toolNames()).containsExactly("get_weather");
			assertThat(anthropic.get(1).lastToolResult()).contains("sunny in Paris");
			assertThat(sim.requests("tool-a")).as("each turn is routed again and tries the failing member first")
				.hasSize(2)
				.allSatisfy((request) -> assertThat(request.toolNames()).containsExactly("get_weather"));

			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).as("the receipt covers both turns of the tool loop")
				.containsExactly("main-tool-a=FAILED(TRANSIENT)", "main-tool-b=SUCCESS",
						"main-tool-a=FAILED(TRANSIENT)", "main-tool-b=SUCCESS");
			assertThat(receipt.turns()).isEqualTo(2);
			assertThat(receipt.member()).isEqualTo("main-tool-b");
			assertThat(receipt.cost()).as("both turns are billed")
				.isCloseTo(receipt.attempts().stream().mapToDouble(Attempt::cost).sum(), within(1e-12));
			assertThat(receipt.promptTokens()).as("tokens of both answering turns")
				.isEqualTo(receipt.attempts().get(1).promptTokens() + receipt.attempts().get(3).promptTokens())
				.isGreaterThan(receipt.attempts().get(3).promptTokens());
		});
	}

	@Test
	void streamedToolLoopSurvivesFailover() {
		sim.model("tool-a").failWith(SimulatedError.serverError());
		sim.model("tool-b")
			.toolCall("get_weather", "{\"city\":\"Rome\"}")
			.answers((request) -> "Tool said: " + request.lastToolResult());
		List<String> toolCalls = new CopyOnWriteArrayList<>();
		this.runner.run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Weather in Rome?")
				.toolCallbacks(weatherTool(toolCalls))
				.stream()
				.chatResponse()
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(toolCalls).containsExactly("Rome");
			StringBuilder text = new StringBuilder();
			chunks.stream()
				.filter((chunk) -> chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
				.forEach((chunk) -> text.append(chunk.getResult().getOutput().getText()));
			assertThat(text.toString()).isEqualTo("Tool said: \"sunny in Rome\"");
			assertThat(sim.requests("tool-b")).hasSize(2).allSatisfy((request) -> {
				assertThat(request.stream()).isTrue();
				assertThat(request.toolNames()).containsExactly("get_weather");
			});
			RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
			assertThat(outcomes(receipt)).as("the receipt covers both turns of the tool loop")
				.containsExactly("main-tool-a=FAILED(TRANSIENT)", "main-tool-b=SUCCESS",
						"main-tool-a=FAILED(TRANSIENT)", "main-tool-b=SUCCESS");
			assertThat(receipt.turns()).isEqualTo(2);
		});
	}

	@Test
	void toolResultTurnCanBeServedByAnotherMemberThanTheToolCallTurn() {
		// tool-c asks for the tool and breaks while the tool runs; tool-d gets the tool
		// call and its result
		sim.model("tool-c").toolCall("get_weather", "{\"city\":\"Oslo\"}");
		sim.model("tool-d").answers((request) -> "tool-d read: " + request.lastToolResult());
		List<String> toolCalls = new CopyOnWriteArrayList<>();
		ToolCallback tool = FunctionToolCallback.builder("get_weather", (WeatherRequest request) -> {
			toolCalls.add(request.city());
			sim.model("tool-c").failWith(SimulatedError.serverError());
			return "sunny in " + request.city();
		}).description("Current weather of a city").inputType(WeatherRequest.class).build();
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			ChatResponse response = client.prompt()
				.user("Weather in Oslo?")
				.options(RoutingChatOptions.builder().tier("openai"))
				.toolCallbacks(tool)
				.call()
				.chatResponse();
			assertThat(toolCalls).containsExactly("Oslo");
			assertThat(response.getResult().getOutput().getText()).isEqualTo("tool-d read: \"sunny in Oslo\"");
			assertThat(sim.requests("tool-c")).hasSize(2);
			assertThat(outcomes(receipt(response))).containsExactly("openai-tool-c=SUCCESS",
					"openai-tool-c=FAILED(TRANSIENT)", "openai-tool-d=SUCCESS");
			assertThat(sim.requests("tool-d")).singleElement().satisfies((request) -> {
				assertThat(request.toolNames()).containsExactly("get_weather");
				assertThat(request.hasToolResult()).isTrue();
			});
		});
	}

}
