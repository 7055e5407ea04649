package dev.orchestration.cascade.internal;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.internal.PromptOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A verifier's own call through the router to a given tier, with what it cost.
 *
 * @param text the answer text
 * @param cost USD the call cost (every attempt counted)
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param member the member that answered, when the router says
 */
public record RouterCall(String text, double cost, long promptTokens, long completionTokens, @Nullable String member) {

	public static RouterCall call(ChatModel router, Prompt prompt, String tier) {
		ChatResponse response = router.call(PromptOptions.with(prompt, forTier(prompt.getOptions(), tier)));
		RoutingReceipt receipt = RoutingReceipt.from(response).orElse(null);
		Usage usage = response.getMetadata().getUsage();
		String text = (response.getResult() != null && response.getResult().getOutput().getText() != null)
				? response.getResult().getOutput().getText() : "";
		return (receipt != null)
				? new RouterCall(text, receipt.cost(), receipt.promptTokens(), receipt.completionTokens(),
						receipt.member())
				: new RouterCall(text, 0, tokens(usage.getPromptTokens()), tokens(usage.getCompletionTokens()), null);
	}

	/** Options that force a tier, keeping everything else the caller set. */
	static ChatOptions forTier(@Nullable ChatOptions options, String tier) {
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (options != null) {
			builder.combineWith(options.mutate());
		}
		return builder.tier(tier).build();
	}

	private static long tokens(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
