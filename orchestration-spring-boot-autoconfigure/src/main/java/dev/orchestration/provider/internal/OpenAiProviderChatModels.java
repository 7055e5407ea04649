package dev.orchestration.provider.internal;

import java.util.List;
import java.util.function.Consumer;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import dev.orchestration.provider.ProviderApi;
import dev.orchestration.provider.ProviderEndpoint;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.setup.OpenAiSetup;

/**
 * {@link OpenAiChatModel}s for OpenAI, Azure OpenAI and OpenAI-compatible endpoints,
 * built on Spring AI's {@link OpenAiSetup} (which knows Azure's URL and credential rules)
 * with retries off.
 */
final class OpenAiProviderChatModels {

	private OpenAiProviderChatModels() {
	}

	static ProviderChatModel create(ProviderEndpoint endpoint, ObservationRegistry observationRegistry) {
		boolean azure = endpoint.api() == ProviderApi.AZURE_OPENAI;
		AzureOpenAIServiceVersion version = (endpoint.apiVersion() != null)
				? AzureOpenAIServiceVersion.fromString(endpoint.apiVersion()) : null;
		// "" is Spring AI's no-auth mode: a keyless OpenAI-compatible server never
		// receives OPENAI_API_KEY
		String apiKey = (endpoint.apiKey() != null) ? endpoint.apiKey() : "";
		String baseUrl = endpoint.baseUrl().toString();
		OpenAIClient client = OpenAiSetup.setupSyncClient(baseUrl, apiKey, null, endpoint.deployment(), version,
				endpoint.organization(), azure, false, endpoint.model(), endpoint.timeout(), 0, null,
				endpoint.headers(), observationRegistry, null, List.of());
		OpenAIClientAsync asyncClient = OpenAiSetup.setupAsyncClient(baseUrl, apiKey, null, endpoint.deployment(),
				version, endpoint.organization(), azure, false, endpoint.model(), endpoint.timeout(), 0, null,
				endpoint.headers(), observationRegistry, null, List.of());
		if (endpoint.project() != null || endpoint.connectTimeout() != null) {
			Consumer<ClientOptions.Builder> more = (options) -> {
				if (endpoint.project() != null) {
					options.project(endpoint.project());
				}
				if (endpoint.connectTimeout() != null) {
					options.timeout(
							Timeout.builder().connect(endpoint.connectTimeout()).request(endpoint.timeout()).build());
				}
			};
			client = client.withOptions(more);
			asyncClient = asyncClient.withOptions(more);
		}
		// the key stays in the clients: options travel with every prompt and must not
		// carry it
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
			.maxRetries(0)
			.timeout(endpoint.timeout())
			.deploymentName(endpoint.deployment());
		if (endpoint.model() != null) {
			options.model(endpoint.model());
		}
		OpenAiChatModel chatModel = OpenAiChatModel.builder()
			.openAiClient(client)
			.openAiClientAsync(asyncClient)
			.options(options.build())
			.observationRegistry(observationRegistry)
			.build();
		OpenAIClient syncToClose = client;
		OpenAIClientAsync asyncToClose = asyncClient;
		return new ProviderChatModel(endpoint, chatModel, List.of(syncToClose::close, asyncToClose::close));
	}

}
