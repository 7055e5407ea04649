package dev.orchestration.it;

import java.time.Duration;
import java.util.List;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.provider.OrchestrationProviderAutoConfiguration;
import dev.orchestration.provider.internal.ProviderChatModels;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.SimulatedApi;
import dev.orchestration.test.simulator.SimulatedError;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with only {@code llm.providers.*} and tier members that reference them,
 * no ChatModel beans: two OpenAI-API endpoints (two keys, the same model name) and one
 * Anthropic-API endpoint, each a simulator on its own port, reached through the chat
 * models the starter builds.
 */
class ProviderEndpointsIntegrationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	@RegisterExtension
	static final ProviderSimulatorExtension eastProvider = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator east = eastProvider.simulator();

	@RegisterExtension
	static final ProviderSimulatorExtension westProvider = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator west = westProvider.simulator();

	@RegisterExtension
	static final ProviderSimulatorExtension claudeProvider = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator claude = claudeProvider.simulator();

	/** The starter's and Resilience4j's auto-configurations, no properties. */
	private static ApplicationContextRunner starter() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					OrchestrationProviderAutoConfiguration.class, OrchestrationAutoConfiguration.class));
	}

	private ApplicationContextRunner runner() {
		return starter().withPropertyValues("llm.providers.openai-east.api=openai",
				"llm.providers.openai-east.base-url=" + east.baseUrl() + "/v1",
				"llm.providers.openai-east.api-key=key-east", "llm.providers.openai-east.organization=org-east",
				"llm.providers.openai-east.project=proj-east", "llm.providers.openai-east.headers.X-Team=search",
				"llm.providers.openai-east.timeout=1500ms", "llm.providers.openai-west.api=openai",
				"llm.providers.openai-west.base-url=" + west.baseUrl() + "/v1",
				"llm.providers.openai-west.api-key=key-west", "llm.providers.openai-west.timeout=1500ms",
				"llm.providers.claude.api=anthropic", "llm.providers.claude.base-url=" + claude.baseUrl(),
				"llm.providers.claude.api-key=key-claude", "llm.providers.claude.timeout=1500ms",
				"llm.tiers.main.models[0].id=east", "llm.tiers.main.models[0].provider=openai-east",
				"llm.tiers.main.models[0].model=gpt-4o-mini", "llm.tiers.main.models[1].id=west",
				"llm.tiers.main.models[1].provider=openai-west", "llm.tiers.main.models[1].model=gpt-4o-mini",
				"llm.tiers.main.models[2].id=claude", "llm.tiers.main.models[2].provider=claude",
				"llm.tiers.main.models[2].model=claude-haiku-4-5", "llm.tiers.main.models[2].max-tokens=300");
	}

	@Test
	void theFirstEndpointAnswersWithItsOrganizationProjectAndHeaders() {
		east.model("gpt-4o-mini").answer("from east");
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(ChatModel.class)).as("the router is the only ChatModel bean")
				.containsOnlyKeys("routingChatModel");
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("hello")
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("from east");
			assertThat(outcomes(receipt(response))).containsExactly("east=SUCCESS");
			RecordedRequest request = east.requests().get(0);
			assertThat(request.api()).isEqualTo(SimulatedApi.OPENAI);
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.header("authorization")).isEqualTo(RecordedRequest.REDACTED);
			assertThat(request.header("openai-organization")).isEqualTo("org-east");
			assertThat(request.header("openai-project")).isEqualTo("proj-east");
			assertThat(request.header("x-team")).isEqualTo("search");
			assertThat(west.requests()).isEmpty();
			assertThat(claude.requests()).isEmpty();
		});
	}

	@Test
	void failsOverFromOneOpenAiEndpointToTheOtherThenToAnthropicWithOneHttpCallEach() {
		east.model("gpt-4o-mini").failWith(SimulatedError.serverError());
		west.model("gpt-4o-mini").failWith(SimulatedError.rateLimited(Duration.ofSeconds(30)));
		claude.model("claude-haiku-4-5").answer("from claude");
		runner().run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("hello")
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("from claude");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly("east=FAILED(TRANSIENT)", "west=FAILED(RATE_LIMITED)",
					"claude=SUCCESS");
			assertThat(east.requests()).as("SDK retries are off: one HTTP call").hasSize(1);
			assertThat(west.requests()).as("SDK retries are off, even on 429").hasSize(1);
			RecordedRequest anthropic = claude.requests().get(0);
			assertThat(anthropic.api()).isEqualTo(SimulatedApi.ANTHROPIC);
			assertThat(anthropic.header("x-api-key")).isEqualTo(RecordedRequest.REDACTED);
			assertThat(anthropic.json().path("max_tokens").asInt()).isEqualTo(300);

			// the rate-limited endpoint cools down: the next request skips it without an
			// HTTP call
			east.model("gpt-4o-mini").failWith(null);
			context.getBean(RoutingChatClient.class).prompt().user("again").call().content();
			assertThat(east.requests()).hasSize(2);
			assertThat(west.requests()).hasSize(1);
		});
	}

	@Test
	void aStreamFailsOverBetweenProviderEndpoints() {
		east.model("gpt-4o-mini").failWith(SimulatedError.overloaded());
		west.model("gpt-4o-mini").answer("streamed from west");
		runner().run((context) -> {
			List<ChatResponse> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("hello")
				.stream()
				.chatResponse()
				.collectList()
				.block(BLOCK);
			String text = chunks.stream()
				.filter((chunk) -> chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
				.map((chunk) -> chunk.getResult().getOutput().getText())
				.reduce("", String::concat);
			assertThat(text).isEqualTo("streamed from west");
			assertThat(outcomes(receipt(chunks.get(chunks.size() - 1)))).containsExactly("east=FAILED(TRANSIENT)",
					"west=SUCCESS");
			assertThat(west.requests()).singleElement().satisfies((r) -> assertThat(r.stream()).isTrue());
		});
	}

	@Test
	void aHangingEndpointFailsOverAtTheProvidersTimeout() {
		east.model("gpt-4o-mini").hang();
		west.model("gpt-4o-mini").answer("from west");
		runner().run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("hello")
				.call()
				.chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("from west");
			assertThat(outcomes(receipt(response)).get(0)).startsWith("east=FAILED");
			assertThat(east.requests()).hasSize(1);
		});
	}

	@Test
	void anOpenAiCompatibleServerWithoutKeyGetsNoAuthorizationHeader() {
		west.model("llama3").answer("from vllm");
		starter()
			.withPropertyValues("llm.providers.vllm.api=openai-compatible",
					"llm.providers.vllm.base-url=" + west.baseUrl() + "/v1", "llm.tiers.local.models[0].provider=vllm",
					"llm.tiers.local.models[0].model=llama3")
			.run((context) -> {
				assertThat(context.getBean(ProviderChatModels.class).ids()).containsExactly("vllm");
				String answer = context.getBean(RoutingChatClient.class).prompt().user("hi").call().content();
				assertThat(answer).isEqualTo("from vllm");
				assertThat(west.requests().get(0).header("authorization")).isNull();
			});
	}

	@Test
	void twoAzureRegionsOnTheirOwnPathsFailOverWithTheApiKeyHeader() {
		// Azure OpenAI REST reference ("Chat completions - Create"): POST
		// {endpoint}/openai/deployments/{deployment-id}/chat/completions?api-version=...
		// with an api-key header; a base URL ending in /openai/v1 is the unified API
		// (openai-java's AzureUrlCategory). Spring AI's OpenAiSetup forces that path mode
		// for api: azure-openai, so a custom domain (here 127.0.0.1) gets Azure's paths
		east.model("gpt-4o-mini").failWith(SimulatedError.overloaded());
		west.model("gpt-4o-mini").answer("from west europe");
		starter().withPropertyValues("llm.providers.azure-east.api=azure-openai",
				"llm.providers.azure-east.base-url=" + east.baseUrl(),
				"llm.providers.azure-east.api-key=key-azure-east", "llm.providers.azure-east.api-version=2024-10-21",
				"llm.providers.azure-east.timeout=1500ms", "llm.providers.azure-west.api=azure-openai",
				"llm.providers.azure-west.base-url=" + west.baseUrl() + "/openai/v1",
				"llm.providers.azure-west.api-key=key-azure-west", "llm.providers.azure-west.timeout=1500ms",
				"llm.tiers.main.models[0].id=east", "llm.tiers.main.models[0].provider=azure-east",
				"llm.tiers.main.models[0].model=gpt-4o-mini", "llm.tiers.main.models[1].id=west",
				"llm.tiers.main.models[1].provider=azure-west", "llm.tiers.main.models[1].model=gpt-4o-mini")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatResponse response = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("hello")
					.call()
					.chatResponse();
				assertThat(response.getResult().getOutput().getText()).isEqualTo("from west europe");
				assertThat(outcomes(receipt(response))).containsExactly("east=FAILED(TRANSIENT)", "west=SUCCESS");
				RecordedRequest legacy = east.requests().get(0);
				assertThat(legacy.path()).isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
				assertThat(legacy.query()).isEqualTo("api-version=2024-10-21");
				assertThat(legacy.header("api-key")).isEqualTo(RecordedRequest.REDACTED);
				assertThat(legacy.header("authorization")).as("Azure keys go in api-key, not a bearer token").isNull();
				assertThat(east.requests()).as("SDK retries are off: one HTTP call").hasSize(1);
				RecordedRequest unified = west.requests().get(0);
				assertThat(unified.path()).isEqualTo("/openai/v1/chat/completions");
				assertThat(unified.model()).isEqualTo("gpt-4o-mini");
			});
	}

}
