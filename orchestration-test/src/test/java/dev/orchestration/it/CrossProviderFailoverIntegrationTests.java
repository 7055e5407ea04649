package dev.orchestration.it;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.SimulatedApi;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover between an OpenAI-API member and an Anthropic-API member: the caller's
 * portable options are re-targeted to the other provider's options type, and
 * provider-specific options reach only their provider.
 */
class CrossProviderFailoverIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withPropertyValues(props(member("main", 0, "openAiChatModel", "gpt-primary"),
				member("main", 1, "anthropicChatModel", "claude-backup"),
				member("reverse", 0, "anthropicChatModel", "claude-primary"),
				member("reverse", 1, "openAiChatModel", "gpt-backup"),
				new String[] { "llm.routing.default-tier=main", "llm.routing.escalate-on-tier-failure=false" }));

	@Test
	void openAiFailureFailsOverToAnthropicWithTheCallersPortableOptions() {
		sim.model("gpt-primary").failWith(SimulatedError.serverError());
		sim.model("claude-backup").answer("anthropic answered");
		this.runner.run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.system("Be brief.")
				.user("Summarise the plot of Hamlet")
				.options(RoutingChatOptions.builder().temperature(0.3).maxTokens(77).topP(0.9))
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("anthropic answered");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly("main-gpt-primary=FAILED(TRANSIENT)",
					"main-claude-backup=SUCCESS");
			assertThat(receipt.attempts())
				.noneSatisfy((attempt) -> assertThat(attempt.errorClass()).isEqualTo("ClassCastException"));
			assertThat(receipt.model()).isEqualTo("claude-backup");

			RecordedRequest openAi = single("gpt-primary");
			assertThat(openAi.api()).isEqualTo(SimulatedApi.OPENAI);
			assertThat(openAi.json().path("temperature").asDouble()).isEqualTo(0.3);
			assertThat(maxTokens(openAi.json())).isEqualTo(77);

			RecordedRequest anthropic = single("claude-backup");
			assertThat(anthropic.api()).isEqualTo(SimulatedApi.ANTHROPIC);
			JsonNode body = anthropic.json();
			assertThat(body.path("model").asString()).isEqualTo("claude-backup");
			assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
			assertThat(body.path("max_tokens").asInt()).as("caller's max tokens, not the bean's default").isEqualTo(77);
			assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
			assertThat(anthropic.systemPrompt()).isEqualTo("Be brief.");
			assertThat(anthropic.lastUserMessage()).isEqualTo("Summarise the plot of Hamlet");
		});
	}

	@Test
	void anthropicFailureFailsOverToOpenAiWithTheCallersPortableOptions() {
		sim.model("claude-primary").failWith(SimulatedError.overloaded());
		this.runner.run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Summarise the plot of Hamlet")
				.options(RoutingChatOptions.builder().tier("reverse").temperature(0.25).maxTokens(55))
				.call()
				.chatResponse();
			assertThat(outcomes(receipt(response))).containsExactly("reverse-claude-primary=FAILED(TRANSIENT)",
					"reverse-gpt-backup=SUCCESS");
			assertThat(single("claude-primary").json().path("max_tokens").asInt()).isEqualTo(55);
			JsonNode openAi = single("gpt-backup").json();
			assertThat(openAi.path("model").asString()).isEqualTo("gpt-backup");
			assertThat(openAi.path("temperature").asDouble()).isEqualTo(0.25);
			assertThat(maxTokens(openAi)).isEqualTo(55);
		});
	}

	@Test
	void memberOptionsApplyWhenTheCallerSetsNone() {
		sim.model("gpt-primary").failWith(SimulatedError.serverError());
		this.runner
			.withPropertyValues("llm.tiers.main.models[1].temperature=0.7", "llm.tiers.main.models[1].max-tokens=42")
			.run((context) -> {
				context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse();
				JsonNode anthropic = single("claude-backup").json();
				assertThat(anthropic.path("temperature").asDouble()).isEqualTo(0.7);
				assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(42);
			});
	}

	@Test
	void callerOptionsWinOverMemberOptions() {
		sim.model("gpt-primary").failWith(SimulatedError.serverError());
		this.runner
			.withPropertyValues("llm.tiers.main.models[1].temperature=0.7", "llm.tiers.main.models[1].max-tokens=42")
			.run((context) -> {
				context.getBean(RoutingChatClient.class)
					.prompt()
					.user("hello")
					.options(RoutingChatOptions.builder().temperature(0.1))
					.call()
					.chatResponse();
				JsonNode anthropic = single("claude-backup").json();
				assertThat(anthropic.path("temperature").asDouble()).isEqualTo(0.1);
				assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(42);
			});
	}

	@Test
	void openAiSpecificOptionsReachTheOpenAiMemberOnly() {
		sim.model("gpt-primary").failNext(1, SimulatedError.serverError());
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			// first request: OpenAI fails, Anthropic answers; second request: OpenAI
			// answers
			for (int i = 0; i < 2; i++) {
				client.prompt()
					.user("hello " + i)
					.options(RoutingChatOptions.builder()
						.task("chat")
						.temperature(0.4)
						.combineWith(OpenAiChatOptions.builder().seed(42).user("caller-7")))
					.call()
					.chatResponse();
			}
			assertThat(sim.requests("gpt-primary")).hasSize(2).allSatisfy((request) -> {
				JsonNode body = request.json();
				assertThat(body.path("model").asString()).isEqualTo("gpt-primary");
				assertThat(body.path("seed").asInt()).isEqualTo(42);
				assertThat(body.path("user").asString()).isEqualTo("caller-7");
				assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
			});
			JsonNode anthropic = single("claude-backup").json();
			assertThat(anthropic.path("model").asString()).isEqualTo("claude-backup");
			assertThat(anthropic.path("temperature").asDouble()).isEqualTo(0.4);
			assertThat(anthropic.has("seed")).isFalse();
			assertThat(anthropic.toString()).doesNotContain("caller-7");
		});
	}

	@Test
	void promptBuiltWithOpenAiOptionsReachesAnthropicWithoutClassCastException() {
		sim.model("gpt-primary").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			// a caller that injects the router as a plain ChatModel and builds prompts
			// for OpenAI
			ChatResponse response = context.getBean(RoutingChatModel.class)
				.call(new Prompt("hello", OpenAiChatOptions.builder().temperature(0.15).maxTokens(33).seed(7).build()));
			assertThat(outcomes(receipt(response))).containsExactly("main-gpt-primary=FAILED(TRANSIENT)",
					"main-claude-backup=SUCCESS");
			assertThat(single("gpt-primary").json().path("seed").asInt()).isEqualTo(7);
			JsonNode anthropic = single("claude-backup").json();
			assertThat(anthropic.path("model").asString()).isEqualTo("claude-backup");
			assertThat(anthropic.path("temperature").asDouble()).isEqualTo(0.15);
			assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(33);
		});
	}

	private RecordedRequest single(String model) {
		assertThat(sim.requests(model)).as("requests to " + model).hasSize(1);
		return sim.requests(model).get(0);
	}

	/**
	 * OpenAI's max tokens field: {@code max_tokens} or {@code max_completion_tokens},
	 * whichever the client sends.
	 */
	private static int maxTokens(JsonNode openAiBody) {
		JsonNode value = openAiBody.has("max_tokens") ? openAiBody.path("max_tokens")
				: openAiBody.path("max_completion_tokens");
		assertThat(value.isMissingNode()).as("max tokens in " + openAiBody).isFalse();
		return value.asInt();
	}

}
