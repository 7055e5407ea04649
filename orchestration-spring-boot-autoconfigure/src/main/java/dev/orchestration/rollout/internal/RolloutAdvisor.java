package dev.orchestration.rollout.internal;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.routing.RoutingClientAdvisor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;

/**
 * Feeds the cascade's verdicts on canary answers (judge score, escalation) to the canary
 * guards. Ordered outside the cascade, and registered only with it. (The chat memory
 * conversation id that sticky assignment reads reaches the routing options through the
 * routing client's tool-calling advisor, {@code ToolLoopReceiptAdvisor}, at no extra
 * advisor.)
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
		ChatClientResponse response = chain.nextCall(request);
		if (this.canaries.hasCanaries()) {
			CascadeReceipt.from(response.chatResponse()).ifPresent(this::recordVerdicts);
		}
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return chain.nextStream(request);
	}

	private void recordVerdicts(CascadeReceipt receipt) {
		for (CascadeStep step : receipt.steps()) {
			if (step.member() != null && !step.verdicts().isEmpty()) {
				this.canaries.verdict(step.member(), step.score(), !step.accepted());
			}
		}
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
