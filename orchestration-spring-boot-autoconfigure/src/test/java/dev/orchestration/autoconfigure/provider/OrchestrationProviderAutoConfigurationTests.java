package dev.orchestration.autoconfigure.provider;

import java.util.List;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.provider.ProviderApi;
import dev.orchestration.provider.internal.ClientRetries;
import dev.orchestration.provider.internal.ProviderChatModels;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.TierMember;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OrchestrationProviderAutoConfigurationTests {

	private static final String SECRET = "sk-test-DO-NOT-SHOW-4242";

	private static final String HEADER_SECRET = "header-DO-NOT-SHOW-1717";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
					Resilience4JAutoConfiguration.class, OrchestrationProviderAutoConfiguration.class,
					OrchestrationAutoConfiguration.class, OrchestrationClientRetriesAutoConfiguration.class));

	private static final String[] THREE_PROVIDERS = { "llm.providers.openai-east.api=openai",
			"llm.providers.openai-east.api-key=" + SECRET, "llm.providers.openai-east.headers.X-Team=" + HEADER_SECRET,
			"llm.providers.azure-west.api=azure-openai",
			"llm.providers.azure-west.base-url=https://west.openai.azure.com",
			"llm.providers.azure-west.api-key=" + SECRET, "llm.providers.azure-west.deployment=gpt-4o-mini",
			"llm.providers.azure-west.api-version=2024-10-21", "llm.providers.claude.api=anthropic",
			"llm.providers.claude.api-key=" + SECRET, "llm.providers.local.api=openai-compatible",
			"llm.providers.local.base-url=http://127.0.0.1:11434/v1", "llm.tiers.small.models[0].provider=openai-east",
			"llm.tiers.small.models[0].model=gpt-4o-mini", "llm.tiers.small.models[1].provider=azure-west",
			"llm.tiers.small.models[2].provider=claude", "llm.tiers.small.models[2].model=claude-haiku-4-5",
			"llm.tiers.small.models[3].provider=local", "llm.tiers.small.models[3].model=llama3" };

	@Test
	void everyProviderBecomesAChatModelOfItsApiWithoutSdkRetries() {
		this.runner.withPropertyValues(THREE_PROVIDERS).run((context) -> {
			assertThat(context).hasNotFailed();
			ProviderChatModels providers = context.getBean(ProviderChatModels.class);
			assertThat(providers.ids()).containsExactlyInAnyOrder("openai-east", "azure-west", "claude", "local");
			assertThat(providers.chatModel("openai-east")).isInstanceOf(OpenAiChatModel.class);
			assertThat(providers.chatModel("azure-west")).isInstanceOf(OpenAiChatModel.class);
			assertThat(providers.chatModel("claude")).isInstanceOf(AnthropicChatModel.class);
			assertThat(providers.chatModel("local")).isInstanceOf(OpenAiChatModel.class);
			for (String id : providers.ids()) {
				assertThat(ClientRetries.of(providers.chatModel(id))).as(id).hasValue(0);
			}
			assertThat(providers.endpoint("openai-east").baseUrl()).hasToString("https://api.openai.com/v1");
			assertThat(providers.endpoint("claude").baseUrl()).hasToString("https://api.anthropic.com");
			assertThat(providers.endpoint("local").apiKey()).as("a keyless server gets no key").isNull();
		});
	}

	@Test
	void membersReferenceProvidersInsteadOfBeans() {
		this.runner.withPropertyValues(THREE_PROVIDERS).run((context) -> {
			ProviderChatModels providers = context.getBean(ProviderChatModels.class);
			List<TierMember> members = context.getBean(RoutingChatModel.class).getTiers().get("small").members();
			assertThat(members).extracting(TierMember::id)
				.containsExactly("small-gpt-4o-mini", "small-azure-west", "small-claude-haiku-4-5", "small-llama3");
			assertThat(members.get(1).chatModel()).isSameAs(providers.chatModel("azure-west"));
			assertThat(members.get(1).chatModelBean()).isEqualTo("provider:azure-west");
			assertThat(context).as("no ChatModel beans are registered for providers")
				.getBeans(ChatModel.class)
				.containsOnlyKeys("routingChatModel");
		});
	}

	@Test
	void secretsAreNeverLoggedNorShownOnTheEndpoint(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(OrchestrationEndpointAutoConfiguration.class))
			.withPropertyValues(THREE_PROVIDERS)
			.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String json = JsonMapper.builder()
					.build()
					.writeValueAsString(context.getBean(LlmRoutesEndpoint.class).routes());
				assertThat(json).contains("provider:openai-east").doesNotContain(SECRET).doesNotContain(HEADER_SECRET);
				assertThat(context.getBean(ProviderChatModels.class).toString()).doesNotContain(SECRET)
					.doesNotContain(HEADER_SECRET);
				assertThat(context.getBean(ProviderChatModels.class).chatModel("openai-east").getOptions().toString())
					.as("options travel with every prompt")
					.doesNotContain(SECRET);
			});
		assertThat(output).contains("LLM provider 'openai-east': openai at https://api.openai.com/v1")
			.doesNotContain(SECRET)
			.doesNotContain(HEADER_SECRET);
	}

	@Test
	void anUnknownProviderFailsStartupListingTheDeclaredOnes() {
		this.runner.withPropertyValues(THREE_PROVIDERS)
			.withPropertyValues("llm.tiers.small.models[1].provider=azure-north")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.tiers.small.models[1].provider");
				assertThat(ex.getProblem()).contains("azure-north");
				assertThat(ex.getAction()).contains("[azure-west, claude, local, openai-east]");
			}));
	}

	@Test
	void aProviderWithoutProvidersDeclaredFailsStartupSayingHowToDeclareOne() {
		this.runner.withPropertyValues("llm.tiers.small.models[0].provider=openai")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.tiers.small.models[0].provider");
				assertThat(ex.getAction()).contains("llm.providers.openai.api=openai");
			}));
	}

	@Test
	void aMissingKeyFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("llm.providers.claude.api=anthropic", "llm.tiers.small.models[0].provider=claude")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.providers.claude.api-key");
				assertThat(ex.getAction()).contains("${ANTHROPIC_API_KEY}");
			}));
	}

	@Test
	void anUnresolvedKeyPlaceholderNamesTheVariable() {
		this.runner.withPropertyValues("llm.providers.east.api=openai",
				"llm.providers.east.api-key=${LLM_TEST_UNSET_KEY_VARIABLE}", "llm.tiers.small.models[0].provider=east")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.providers.east.api-key");
				assertThat(ex.getProblem()).contains("${LLM_TEST_UNSET_KEY_VARIABLE}");
				assertThat(ex.getAction()).contains("LLM_TEST_UNSET_KEY_VARIABLE");
			}));
	}

	@Test
	void aBadUrlFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("llm.providers.local.api=openai-compatible",
					"llm.providers.local.base-url=localhost:8000/v1", "llm.tiers.small.models[0].provider=local")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.providers.local.base-url");
				assertThat(ex.getProblem()).contains("not an absolute http or https URL");
			}));
	}

	@Test
	void aUrlWithCredentialsIsRefusedWithoutEchoingThem() {
		this.runner
			.withPropertyValues("llm.providers.local.api=openai-compatible",
					"llm.providers.local.base-url=https://user:" + SECRET + "@llm.example.com/v1",
					"llm.tiers.small.models[0].provider=local")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.providers.local.base-url");
				assertThat(ex.getMessage()).doesNotContain(SECRET);
			}));
	}

	@Test
	void azureWithoutBaseUrlFailsStartup() {
		this.runner
			.withPropertyValues("llm.providers.az.api=azure-openai", "llm.providers.az.api-key=k",
					"llm.tiers.small.models[0].provider=az")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.providers.az.base-url"));
	}

	@Test
	void aMissingApiFailsStartupListingTheApis() {
		this.runner.withPropertyValues("llm.providers.x.api-key=k", "llm.tiers.small.models[0].provider=x")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.providers.x.api");
				assertThat(ex.getAction()).contains("openai, azure-openai, anthropic, openai-compatible");
			}));
	}

	@Test
	void anAzureSettingOnAnotherApiFailsStartup() {
		this.runner
			.withPropertyValues("llm.providers.x.api=openai", "llm.providers.x.api-key=k",
					"llm.providers.x.deployment=gpt", "llm.tiers.small.models[0].provider=x")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("llm.providers.x.deployment"));
	}

	@Test
	void aMemberWithBothAProviderAndABeanFailsStartup() {
		this.runner.withPropertyValues(THREE_PROVIDERS)
			.withPropertyValues("llm.tiers.small.models[0].chat-model=someBean")
			.run((context) -> assertThat(failure(context).getProperty())
				.isEqualTo("llm.tiers.small.models[0].provider"));
	}

	@Test
	void apiNamesBindFromConfigurationNames() {
		for (ProviderApi api : ProviderApi.values()) {
			this.runner
				.withPropertyValues("llm.providers.p.api=" + api.configName(), "llm.providers.p.api-key=k",
						"llm.providers.p.base-url=https://p.openai.azure.com")
				.run((context) -> assertThat(
						context.getBean(OrchestrationProviderProperties.class).getProviders().get("p").getApi())
					.isEqualTo(api));
		}
	}

	private static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null && !(cause instanceof InvalidOrchestrationConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("start-up failure caused by bad llm.* configuration")
			.isInstanceOf(InvalidOrchestrationConfigurationException.class);
		return (InvalidOrchestrationConfigurationException) cause;
	}

}
