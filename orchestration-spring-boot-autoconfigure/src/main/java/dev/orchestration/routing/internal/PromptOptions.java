package dev.orchestration.routing.internal;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A prompt with other options and the same messages. {@code Prompt.mutate()} copies every
 * message (text, metadata and media) before the options are swapped, which the request
 * path would otherwise pay on every advisor and member attempt, in proportion to the
 * conversation's length; the messages are never modified on the way, so they are shared,
 * as Spring AI's own chat models do when they merge their options into a prompt.
 */
public final class PromptOptions {

	private PromptOptions() {
	}

	public static Prompt with(Prompt prompt, ChatOptions options) {
		return new Prompt(prompt.getInstructions(), options);
	}

}
