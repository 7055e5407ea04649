package dev.orchestration.cache;

import java.util.List;
import java.util.Map;

import dev.orchestration.cache.internal.Hashing;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientAttributes;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Default {@link CacheKeyStrategy}: the scope is the tenant (the {@code tenant} routing
 * hint, or the advisor param {@value CacheControl#TENANT}), every message before the last
 * user message (system prompt and conversation history), the conversation id of Spring AI
 * chat memory, the tools offered (name, description, input schema) and the response
 * format requested. The last user message is not part of the scope: it is what the exact
 * key hashes and what the semantic layer compares.
 */
public class DefaultCacheKeyStrategy implements CacheKeyStrategy {

	@Override
	public CacheScope scope(ChatClientRequest request) {
		String tenant = tenant(request);
		StringBuilder material = new StringBuilder("v1\ntenant=").append(tenant).append('\n');
		List<Message> messages = request.prompt().getInstructions();
		int last = lastUserMessage(messages);
		for (int i = 0; i < messages.size(); i++) {
			if (i != last) {
				Message message = messages.get(i);
				material.append(message.getMessageType().getValue()).append('=').append(message.getText()).append('\n');
			}
		}
		Object conversation = request.context().get(ChatMemory.CONVERSATION_ID);
		material.append("conversation=").append((conversation != null) ? conversation : "").append('\n');
		ChatOptions options = request.prompt().getOptions();
		if (options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null) {
			for (ToolCallback tool : tools.getToolCallbacks()) {
				ToolDefinition definition = tool.getToolDefinition();
				material.append("tool=")
					.append(definition.name())
					.append('|')
					.append(definition.description())
					.append('|')
					.append(definition.inputSchema())
					.append('\n');
			}
		}
		for (String key : List.of(ChatClientAttributes.OUTPUT_FORMAT.getKey(),
				ChatClientAttributes.STRUCTURED_OUTPUT_SCHEMA.getKey())) {
			Object format = request.context().get(key);
			material.append(key).append('=').append((format != null) ? format : "").append('\n');
		}
		return new CacheScope(Hashing.sha256(material.toString()), tenant);
	}

	/** Index of the last user message, or -1. */
	public static int lastUserMessage(List<Message> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).getMessageType() == MessageType.USER) {
				return i;
			}
		}
		return -1;
	}

	private static String tenant(ChatClientRequest request) {
		Map<String, @Nullable Object> context = request.context();
		Object explicit = context.get(CacheControl.TENANT);
		if (explicit != null) {
			return explicit.toString();
		}
		if (request.prompt().getOptions() instanceof RoutingChatOptions routing && routing.getTenant() != null) {
			return routing.getTenant();
		}
		return "";
	}

}
