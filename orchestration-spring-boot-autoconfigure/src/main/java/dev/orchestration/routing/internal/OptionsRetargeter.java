package dev.orchestration.routing.internal;

import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.TierMember;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Rebuilds a prompt's options for the chat model of one member, so that an OpenAI-built
 * prompt never reaches an Anthropic client as {@code OpenAiChatOptions} (a
 * ClassCastException) and the other way round.
 * <p>
 * Precedence, lowest first: the chat model's defaults, the member's configured options,
 * provider-specific options the caller passed for this provider, the caller's portable
 * options, tools and tool context; the member's model name always wins.
 */
public class OptionsRetargeter {

	public Prompt retarget(Prompt prompt, TierMember member) {
		ChatOptions defaults = member.chatModel().getOptions();
		ChatOptions.Builder<?> builder = defaults.mutate();
		if (member.options() != null) {
			builder.combineWith(member.options().mutate());
		}
		ChatOptions requested = prompt.getOptions();
		if (requested instanceof RoutingChatOptions routing) {
			for (ChatOptions.Builder<?> provider : routing.getProviderOptions()) {
				if (builder.getClass().isInstance(provider)) {
					builder.combineWith(provider.clone());
				}
			}
			builder.combineWith(routing.mutate());
		}
		else if (requested != null) {
			builder.combineWith(requested.mutate());
		}
		builder.model((member.model() != null) ? member.model() : defaults.getModel());
		return PromptOptions.with(prompt, builder.build());
	}

}
