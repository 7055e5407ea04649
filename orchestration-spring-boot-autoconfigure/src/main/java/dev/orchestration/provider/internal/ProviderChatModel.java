package dev.orchestration.provider.internal;

import java.util.List;

import dev.orchestration.provider.ProviderEndpoint;

import org.springframework.ai.chat.model.ChatModel;

/**
 * The Spring AI chat model built for one provider endpoint, with the SDK clients it owns.
 */
public final class ProviderChatModel implements AutoCloseable {

	private final ProviderEndpoint endpoint;

	private final ChatModel chatModel;

	private final List<AutoCloseable> clients;

	ProviderChatModel(ProviderEndpoint endpoint, ChatModel chatModel, List<AutoCloseable> clients) {
		this.endpoint = endpoint;
		this.chatModel = chatModel;
		this.clients = List.copyOf(clients);
	}

	public ProviderEndpoint endpoint() {
		return this.endpoint;
	}

	public ChatModel chatModel() {
		return this.chatModel;
	}

	/** Closes the SDK clients (their connection pools and dispatcher threads). */
	@Override
	public void close() {
		for (AutoCloseable client : this.clients) {
			try {
				client.close();
			}
			catch (Exception ex) {
				// closing at shutdown: nothing useful to do with a failure
			}
		}
	}

	@Override
	public String toString() {
		return this.endpoint.toString();
	}

}
