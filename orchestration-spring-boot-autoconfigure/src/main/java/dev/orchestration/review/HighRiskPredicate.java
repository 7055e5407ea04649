package dev.orchestration.review;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Marks a request high-risk, so that its answer goes to human review even when it passed
 * verification. Define beans of this type; any one that says yes is enough. Called on the
 * request's thread once the cascade chose its answer: keep it fast.
 */
@FunctionalInterface
public interface HighRiskPredicate {

	/**
	 * @param request the request as the cascade received it (task, tenant and metadata in
	 * its {@code RoutingChatOptions})
	 * @param answer the chosen answer, with its routing receipt
	 * @return whether the answer must be reviewed
	 */
	boolean isHighRisk(ChatClientRequest request, ChatResponse answer);

}
