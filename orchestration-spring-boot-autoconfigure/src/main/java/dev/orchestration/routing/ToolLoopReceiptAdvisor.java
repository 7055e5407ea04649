package dev.orchestration.routing;

import dev.orchestration.routing.internal.PromptOptions;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityChecker;

/**
 * Spring AI's tool-calling advisor, keeping a ledger of the model turns of each client
 * request, so that the receipt of the answer covers every turn of a tool loop (the loop
 * calls the router once per turn and keeps only the last response). The routing client
 * registers it in place of the {@link ToolCallingAdvisor} that Spring AI's ChatClient
 * would add to every request: the loop is the same, and no extra advisor (nor its
 * observation) is paid for on requests without tools. The ledger is attached on the first
 * turn of a request that has tool callbacks; later turns reuse the options of the first,
 * so they add to the same ledger. A user who registers another {@code ToolAdvisor} on the
 * client replaces this one, and the receipt of a tool loop then covers its last turn
 * only.
 */
public final class ToolLoopReceiptAdvisor extends ToolCallingAdvisor {

	private ToolLoopReceiptAdvisor(ToolCallingManager toolCallingManager,
			ToolExecutionEligibilityChecker toolExecutionEligibilityChecker, int advisorOrder,
			boolean conversationHistoryEnabled) {
		super(toolCallingManager, toolExecutionEligibilityChecker, advisorOrder, conversationHistoryEnabled);
	}

	/**
	 * A builder for
	 * {@code ChatClient.builder(model, registry, convention, toolCallingAdvisorBuilder)}.
	 */
	public static Builder receiptBuilder() {
		return new Builder();
	}

	@Override
	protected ChatClientRequest doBeforeCall(ChatClientRequest request, CallAdvisorChain chain) {
		return withConversation(withLedger(request));
	}

	@Override
	protected ChatClientRequest doBeforeStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return withConversation(withLedger(request));
	}

	/**
	 * The request with the chat memory conversation id of its advisor context in the
	 * routing options (a ChatModel never sees the advisor context), so sticky assignment
	 * keeps a conversation on its member of a weighted tier.
	 */
	static ChatClientRequest withConversation(ChatClientRequest request) {
		Object conversation = request.context().get(ChatMemory.CONVERSATION_ID);
		if (conversation == null) {
			return request;
		}
		ChatOptions options = request.prompt().getOptions();
		if (options instanceof RoutingChatOptions routing
				&& conversation.toString().equals(routing.getConversationId())) {
			return request;
		}
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (options != null) {
			builder.combineWith(options.mutate());
		}
		RoutingChatOptions withId = builder.conversationId(conversation.toString()).build();
		return request.mutate().prompt(PromptOptions.with(request.prompt(), withId)).build();
	}

	/**
	 * The request with a new ledger, unless it has no tools (one turn) or an earlier turn
	 * already attached one.
	 */
	static ChatClientRequest withLedger(ChatClientRequest request) {
		ChatOptions options = request.prompt().getOptions();
		if (!hasTools(options) || (options instanceof RoutingChatOptions routing && routing.getTurns() != null)) {
			return request;
		}
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		builder.combineWith(options.mutate());
		RoutingChatOptions tracked = builder.turns(new TurnLedger()).build();
		return request.mutate().prompt(PromptOptions.with(request.prompt(), tracked)).build();
	}

	private static boolean hasTools(ChatOptions options) {
		return options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
				&& !tools.getToolCallbacks().isEmpty();
	}

	@Override
	public String getName() {
		return "ToolLoopReceiptAdvisor";
	}

	/**
	 * Builds {@link ToolLoopReceiptAdvisor}s; Spring AI's client copies it once per
	 * request chain.
	 */
	public static final class Builder extends ToolCallingAdvisor.Builder<Builder> {

		private Builder() {
		}

		@Override
		protected ToolCallingAdvisor.Builder<?> newCopy() {
			return new Builder();
		}

		@Override
		public ToolLoopReceiptAdvisor build() {
			return new ToolLoopReceiptAdvisor(getToolCallingManager(), getToolExecutionEligibilityChecker(),
					getAdvisorOrder(), isConversationHistoryEnabled());
		}

	}

}
