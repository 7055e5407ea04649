package dev.orchestration.routing;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A {@link ChatClient} over the {@link RoutingChatModel}: use it as any ChatClient, and
 * pass routing hints as options, for example
 * {@code .options(RoutingChatOptions.builder().tier("frontier").tenant("acme"))}. The
 * receipt of a response is read with {@code RoutingReceipt.from(chatResponse)}.
 */
public final class RoutingChatClient implements ChatClient {

	private final ChatClient delegate;

	private final RoutingChatModel chatModel;

	public RoutingChatClient(ChatClient delegate, RoutingChatModel chatModel) {
		this.delegate = delegate;
		this.chatModel = chatModel;
	}

	@Override
	public ChatClientRequestSpec prompt() {
		return this.delegate.prompt();
	}

	@Override
	public ChatClientRequestSpec prompt(String content) {
		return this.delegate.prompt(content);
	}

	@Override
	public ChatClientRequestSpec prompt(Prompt prompt) {
		return this.delegate.prompt(prompt);
	}

	@Override
	public Builder mutate() {
		return this.delegate.mutate();
	}

	/** The routing chat model under this client. */
	public RoutingChatModel getChatModel() {
		return this.chatModel;
	}

}
