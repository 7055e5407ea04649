package dev.orchestration.rollout;

import dev.orchestration.cascade.CascadeAdvisor;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Carries the chat memory conversation id from the advisor context into the routing
 * options (a ChatModel never sees the advisor context), so a conversation keeps its
 * member of a weighted tier; and feeds the cascade's verdicts on canary answers (judge
 * score, escalation) to the canary guards. Ordered outside the cascade.
 */
public class RolloutAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/** Outside the cascade (so it sees the cascade receipt), inside the caches. */
	public static final int ORDER = CascadeAdvisor.ORDER - 10;

	private final CanaryController canaries;

	public RolloutAdvisor(CanaryController canaries) {
		this.canaries = canaries;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		ChatClientResponse response = chain.nextCall(withConversation(request));
		if (this.canaries.hasCanaries()) {
			CascadeReceipt.from(response.chatResponse()).ifPresent(this::recordVerdicts);
		}
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return chain.nextStream(withConversation(request));
	}

	private void recordVerdicts(CascadeReceipt receipt) {
		for (CascadeStep step : receipt.steps()) {
			if (step.member() != null && !step.verdicts().isEmpty()) {
				this.canaries.verdict(step.member(), step.score(), !step.accepted());
			}
		}
	}

	private static ChatClientRequest withConversation(ChatClientRequest request) {
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
		return request.mutate().prompt(request.prompt().mutate().chatOptions(withId).build()).build();
	}

	@Override
	public String getName() {
		return "llm-rollout";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
