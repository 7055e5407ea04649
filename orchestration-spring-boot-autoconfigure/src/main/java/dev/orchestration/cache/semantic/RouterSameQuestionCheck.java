package dev.orchestration.cache.semantic;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;

/**
 * A {@link SameQuestionCheck} by a (cheap) tier of the router, through structured output:
 * the tier answers {@code {"same": true|false}} to "do these two requests ask for the
 * same thing?". The cost is the router's receipt for the call (every attempt counted). An
 * answer that is not the expected JSON throws, so the candidate is a miss.
 */
public final class RouterSameQuestionCheck implements SameQuestionCheck {

	private static final String INSTRUCTIONS = """
			Do these two requests ask for the same thing, so that one answer serves both? Answer yes only if an \
			answer to the first is a correct and complete answer to the second.
			First request:
			%s
			Second request:
			%s
			%s""";

	private final ChatModel router;

	private final String tier;

	private final BeanOutputConverter<SameQuestion> converter = new BeanOutputConverter<>(SameQuestion.class);

	/**
	 * Creates a check.
	 * @param router the routing chat model
	 * @param tier the tier that answers (a cheap one)
	 */
	public RouterSameQuestionCheck(ChatModel router, String tier) {
		this.router = router;
		this.tier = tier;
	}

	@Override
	public Verdict check(String cachedQuestion, String question) {
		Prompt prompt = new Prompt(
				new UserMessage(INSTRUCTIONS.formatted(cachedQuestion, question, this.converter.getFormat())),
				RoutingChatOptions.builder().tier(this.tier).build());
		ChatResponse response = this.router.call(prompt);
		String text = (response.getResult() != null) ? response.getResult().getOutput().getText() : null;
		SameQuestion answer = (text != null) ? this.converter.convert(text) : null;
		if (answer == null || answer.same() == null) {
			throw new IllegalStateException("The gray-zone tier '" + this.tier + "' did not answer {\"same\": ...}");
		}
		RoutingReceipt receipt = RoutingReceipt.from(response).orElse(null);
		if (receipt != null) {
			return new Verdict(answer.same(), receipt.cost(), receipt.promptTokens(), receipt.completionTokens());
		}
		Usage usage = response.getMetadata().getUsage();
		return new Verdict(answer.same(), 0, tokens(usage.getPromptTokens()), tokens(usage.getCompletionTokens()));
	}

	private static long tokens(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

	/**
	 * The structured answer.
	 *
	 * @param same whether both requests ask for the same thing
	 */
	public record SameQuestion(@Nullable Boolean same) {
	}

}
