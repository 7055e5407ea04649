package dev.orchestration.cascade.internal;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.cascade.Adjustment;
import dev.orchestration.cascade.RetrySettings;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.internal.PromptOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Applies a retry's adjustments, in order, to the request of the tier being retried.
 */
final class ParameterAdjuster {

	/**
	 * Request context key holding the adjustments a retried request carries (read back
	 * into its step).
	 */
	static final String CONTEXT_KEY = "llm.cascade.adjustments";

	/**
	 * The prefix Spring AI's {@code StructuredOutputValidationAdvisor} puts before a
	 * validation error.
	 */
	static final String VALIDATION_ERROR_PREFIX = "Output JSON validation failed because of: ";

	ChatClientRequest adjust(ChatClientRequest request, List<Adjustment> adjustments, RetrySettings settings,
			ChatResponse rejected, @Nullable Verdict rejection) {
		Prompt prompt = request.prompt();
		RoutingChatOptions.Builder options = RoutingChatOptions.builder();
		if (prompt.getOptions() != null) {
			options.combineWith(prompt.getOptions().mutate());
		}
		for (Adjustment adjustment : adjustments) {
			switch (adjustment) {
				case LOWER_TEMPERATURE -> options.temperature(settings.temperature());
				case LARGER_MAX_TOKENS ->
					options.maxTokens(largerMaxTokens(options.build().getMaxTokens(), settings, rejected));
				case APPEND_VALIDATION_ERROR -> {
					String error = (rejection != null) ? rejection.verifier() + ": " + rejection.reason() : "rejected";
					prompt = prompt.augmentUserMessage((user) -> user.mutate()
						.text(user.getText() + System.lineSeparator() + VALIDATION_ERROR_PREFIX + error)
						.build());
				}
				case STRICTER_SYSTEM_HINT -> prompt = withSystemHint(prompt, settings.systemHint());
			}
		}
		Prompt adjusted = PromptOptions.with(prompt, options.build());
		return request.mutate().prompt(adjusted).context(CONTEXT_KEY, List.copyOf(adjustments)).build();
	}

	private static int largerMaxTokens(@Nullable Integer current, RetrySettings settings, ChatResponse rejected) {
		int base = (current != null && current > 0) ? current : 0;
		if (base == 0 && rejected.getMetadata().getUsage().getCompletionTokens() != null) {
			base = rejected.getMetadata().getUsage().getCompletionTokens();
		}
		return (int) Math.ceil(Math.max(1, base) * settings.maxTokensFactor());
	}

	private static Prompt withSystemHint(Prompt prompt, String hint) {
		List<Message> messages = new ArrayList<>(prompt.getInstructions());
		if (messages.stream().anyMatch((m) -> m instanceof SystemMessage s && hint.equals(s.getText()))) {
			return prompt;
		}
		messages.add(0, new SystemMessage(hint));
		return prompt.mutate().messages(messages).build();
	}

}
