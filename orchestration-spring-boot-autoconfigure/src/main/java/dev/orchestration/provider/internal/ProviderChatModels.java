package dev.orchestration.provider.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.orchestration.provider.ProviderEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;

/**
 * The chat models of the configured provider endpoints ({@code llm.providers.<id>}), by
 * provider id. Closing it closes their SDK clients.
 */
public final class ProviderChatModels implements AutoCloseable {

	private final Map<String, ProviderChatModel> models = new LinkedHashMap<>();

	public ProviderChatModels(Collection<ProviderChatModel> models) {
		models.forEach((model) -> this.models.put(model.endpoint().id(), model));
	}

	/**
	 * The provider ids, in declaration order.
	 * @return the ids
	 */
	public Set<String> ids() {
		return Set.copyOf(this.models.keySet());
	}

	/**
	 * The chat model of a provider.
	 * @param id the provider id
	 * @return the chat model, or null when no provider has that id
	 */
	public @Nullable ChatModel chatModel(String id) {
		ProviderChatModel model = this.models.get(id);
		return (model != null) ? model.chatModel() : null;
	}

	/**
	 * The endpoint of a provider.
	 * @param id the provider id
	 * @return the endpoint, or null when no provider has that id
	 */
	public @Nullable ProviderEndpoint endpoint(String id) {
		ProviderChatModel model = this.models.get(id);
		return (model != null) ? model.endpoint() : null;
	}

	@Override
	public void close() {
		this.models.values().forEach(ProviderChatModel::close);
	}

	@Override
	public String toString() {
		return "ProviderChatModels" + this.models.values();
	}

}
