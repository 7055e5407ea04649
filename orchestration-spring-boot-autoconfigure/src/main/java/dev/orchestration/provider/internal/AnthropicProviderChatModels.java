package dev.orchestration.provider.internal;

import java.util.List;
import java.util.function.Consumer;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.Timeout;
import dev.orchestration.provider.ProviderEndpoint;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.AnthropicSetup;

/**
 * {@link AnthropicChatModel}s for Anthropic endpoints, built on Spring AI's
 * {@link AnthropicSetup} with retries off.
 */
final class AnthropicProviderChatModels {

	private AnthropicProviderChatModels() {
	}

	static ProviderChatModel create(ProviderEndpoint endpoint, ObservationRegistry observationRegistry) {
		String baseUrl = endpoint.baseUrl().toString();
		AnthropicClient client = AnthropicSetup.setupSyncClient(baseUrl, endpoint.apiKey(), endpoint.timeout(), 0, null,
				endpoint.headers(), observationRegistry, null);
		AnthropicClientAsync asyncClient = AnthropicSetup.setupAsyncClient(baseUrl, endpoint.apiKey(),
				endpoint.timeout(), 0, null, endpoint.headers(), observationRegistry, null);
		if (endpoint.connectTimeout() != null) {
			Consumer<ClientOptions.Builder> connect = (options) -> options
				.timeout(Timeout.builder().connect(endpoint.connectTimeout()).request(endpoint.timeout()).build());
			client = client.withOptions(connect);
			asyncClient = asyncClient.withOptions(connect);
		}
		AnthropicChatOptions.Builder options = AnthropicChatOptions.builder().maxRetries(0).timeout(endpoint.timeout());
		if (endpoint.model() != null) {
			options.model(endpoint.model());
		}
		AnthropicChatModel chatModel = AnthropicChatModel.builder()
			.anthropicClient(client)
			.anthropicClientAsync(asyncClient)
			.options(options.build())
			.observationRegistry(observationRegistry)
			.build();
		AnthropicClient syncToClose = client;
		AnthropicClientAsync asyncToClose = asyncClient;
		return new ProviderChatModel(endpoint, chatModel, List.of(syncToClose::close, asyncToClose::close));
	}

}
