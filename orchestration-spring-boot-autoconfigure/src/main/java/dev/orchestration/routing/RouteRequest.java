package dev.orchestration.routing;

import java.util.List;
import java.util.Map;

import dev.orchestration.receipt.Escalation;
import dev.orchestration.receipt.TaskSignal;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What the router knows about a request when it picks a tier: the caller's hints and
 * features of the prompt.
 *
 * @param lastUserMessage the text of the last user message ("" when none)
 * @param estimatedInputTokens estimated tokens of all messages (characters / 4)
 * @param containsCode whether the last user message looks like it contains code
 * @param tierHint the tier the caller asked for
 * @param task the task the router uses: the caller's hint, else the inferred task
 * @param tenant the caller's tenant hint
 * @param metadata the caller's metadata
 * @param taskSignal the task with its source and confidence, or {@code null}
 * @param escalation set when the cascade forced a stronger tier, or {@code null}
 */
public record RouteRequest(String lastUserMessage, int estimatedInputTokens, boolean containsCode,
		@Nullable String tierHint, @Nullable String task, @Nullable String tenant, Map<String, String> metadata,
		@Nullable TaskSignal taskSignal, @Nullable Escalation escalation) {

	/** A request with the caller's hints only. */
	public RouteRequest(String lastUserMessage, int estimatedInputTokens, boolean containsCode,
			@Nullable String tierHint, @Nullable String task, @Nullable String tenant, Map<String, String> metadata) {
		this(lastUserMessage, estimatedInputTokens, containsCode, tierHint, task, tenant, metadata,
				(task != null) ? TaskSignal.hint(task) : null, null);
	}

	/** Reads the features and hints of a prompt. */
	public static RouteRequest of(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		String lastUser = "";
		long characters = 0;
		for (Message message : messages) {
			String text = (message.getText() != null) ? message.getText() : "";
			characters += text.length();
			if (message.getMessageType() == MessageType.USER) {
				lastUser = text;
			}
		}
		int tokens = (int) Math.min(Integer.MAX_VALUE, estimateTokens(characters));
		boolean code = CodeDetector.looksLikeCode(lastUser);
		if (prompt.getOptions() instanceof RoutingChatOptions hints) {
			TaskSignal task = hints.getEffectiveTask();
			return new RouteRequest(lastUser, tokens, code, hints.getTier(), (task != null) ? task.task() : null,
					hints.getTenant(), hints.getMetadata(), task, hints.getEscalation());
		}
		return new RouteRequest(lastUser, tokens, code, null, null, null, Map.of(), null, null);
	}

	/**
	 * The token estimate used for routing rules: one token per four characters, rounded
	 * up.
	 */
	public static long estimateTokens(long characters) {
		return (characters + 3) / 4;
	}

}
