package dev.orchestration.routing;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.core.Ordered;

/**
 * Gives each client request a ledger of its model turns, so that the receipt of the answer covers every turn of a
 * tool loop (Spring AI's tool-calling advisor calls the router once per turn and keeps only the last response).
 * Requests without tools pass through untouched. It sits just outside the tool loop and inside the caches and the cascade, so a cascade still sees one receipt per
 * answer it judges.
 */
public final class ToolLoopReceiptAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/** Outside Spring AI's tool-calling advisor (HIGHEST + 300), inside the cascade (HIGHEST + 150). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 250;

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(withLedger(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> chain.nextStream(withLedger(request)));
	}

	static ChatClientRequest withLedger(ChatClientRequest request) {
		ChatOptions options = request.prompt().getOptions();
		if (!hasTools(options)) {
			// no tools, no tool loop: one model turn, whose receipt is already the whole truth
			return request;
		}
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (options != null) {
			builder.combineWith(options.mutate());
		}
		RoutingChatOptions tracked = builder.turns(new TurnLedger()).build();
		return request.mutate().prompt(request.prompt().mutate().chatOptions(tracked).build()).build();
	}

	private static boolean hasTools(ChatOptions options) {
		return options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
				&& !tools.getToolCallbacks().isEmpty();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String getName() {
		return "ToolLoopReceiptAdvisor";
	}

}
