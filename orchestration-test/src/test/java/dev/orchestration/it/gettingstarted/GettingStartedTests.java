package dev.orchestration.it.gettingstarted;

import java.util.List;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ResponseEntity;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of docs/getting-started.md, run as written: an application with the starter
 * and {@code llm.providers} pointed at the provider simulator, a call, a failover,
 * {@code .entity(...)} and {@code .responseEntity(...)} with the receipt, a stream and a
 * tool.
 */
@SpringBootTest(classes = GettingStartedTests.Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "llm.tiers.small.models[0].provider=openai", "llm.tiers.small.models[0].model=gpt-4o-mini",
				"llm.tiers.small.models[1].provider=anthropic", "llm.tiers.small.models[1].model=claude-haiku-4-5" })
class GettingStartedTests {

	@RegisterExtension
	static final ProviderSimulatorExtension provider = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator simulator = provider.simulator();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("llm.providers.openai.api", () -> "openai");
		registry.add("llm.providers.openai.base-url", () -> provider.baseUrl() + "/v1");
		registry.add("llm.providers.openai.api-key", () -> "test-key");
		registry.add("llm.providers.anthropic.api", () -> "anthropic");
		registry.add("llm.providers.anthropic.base-url", provider::baseUrl);
		registry.add("llm.providers.anthropic.api-key", () -> "test-key");
	}

	@Autowired
	RoutingChatClient chat;

	@Test
	void answersFromTheFirstMember() {
		simulator.model("gpt-4o-mini").answer("Paris.");
		assertThat(this.chat.prompt().user("Capital of France?").call().content()).isEqualTo("Paris.");
	}

	@Test
	void failsOverWhenTheFirstMemberFails() {
		simulator.model("gpt-4o-mini").failWith(SimulatedError.serverError());
		simulator.model("claude-haiku-4-5").answer("Paris, from Claude.");
		ChatResponse response = this.chat.prompt().user("Capital of France?").call().chatResponse();
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Paris, from Claude.");
		RoutingReceipt receipt = RoutingReceipt.from(response).orElseThrow();
		assertThat(receipt.member()).isEqualTo("small-claude-haiku-4-5");
		assertThat(receipt.failovers()).isEqualTo(1);
	}

	record Capital(String country, String city) {
	}

	@Test
	void structuredOutputWithAndWithoutTheReceipt() {
		simulator.model("gpt-4o-mini").answer("{\"country\": \"France\", \"city\": \"Paris\"}");
		Capital capital = this.chat.prompt().user("Capital of France?").call().entity(Capital.class);
		assertThat(capital).isEqualTo(new Capital("France", "Paris"));

		ResponseEntity<ChatResponse, Capital> answer = this.chat.prompt()
			.user("Capital of France, please?")
			.call()
			.responseEntity(Capital.class);
		assertThat(answer.entity()).isEqualTo(new Capital("France", "Paris"));
		assertThat(RoutingReceipt.from(answer.response()).orElseThrow().member()).isEqualTo("small-gpt-4o-mini");
	}

	@Test
	void streams() {
		simulator.model("gpt-4o-mini").answer("Paris is the capital of France.");
		List<String> chunks = this.chat.prompt().user("Capital of France?").stream().content().collectList().block();
		assertThat(String.join("", chunks)).isEqualTo("Paris is the capital of France.");
	}

	static class WeatherTools {

		@Tool(description = "Current weather of a city")
		String weather(String city) {
			return "sunny in " + city;
		}

	}

	@Test
	void callsATool() {
		simulator.model("gpt-4o-mini").toolCall("weather", "{\"city\": \"Paris\"}").answer("It is sunny in Paris.");
		String answer = this.chat.prompt().user("Weather in Paris?").tools(new WeatherTools()).call().content();
		assertThat(answer).isEqualTo("It is sunny in Paris.");
		assertThat(simulator.requests("gpt-4o-mini").get(1).lastToolResult()).contains("sunny in Paris");
	}

	@SpringBootApplication
	static class Application {

	}

}
