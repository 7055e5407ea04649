package dev.orchestration.routing.internal;

import java.util.List;

import dev.orchestration.cost.Price;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.TierMember;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options a member's chat model receives, and the messages it receives with them.
 */
class OptionsRetargeterTests {

	private final OptionsRetargeter retargeter = new OptionsRetargeter();

	@Test
	void theMemberModelWinsAndTheCallersPortableOptionsOverrideTheMembersAndTheDefaults() {
		TierMember member = member("member-model",
				ToolCallingChatOptions.builder().temperature(0.1).maxTokens(50).build());
		Prompt prompt = new Prompt(List.of(new UserMessage("hi")),
				RoutingChatOptions.builder().tier("small").model("caller-model").temperature(0.9).build());

		ChatOptions sent = this.retargeter.retarget(prompt, member).getOptions();

		assertThat(sent).isInstanceOf(ToolCallingChatOptions.class).isNotInstanceOf(RoutingChatOptions.class);
		assertThat(sent.getModel()).isEqualTo("member-model");
		assertThat(sent.getTemperature()).isEqualTo(0.9);
		assertThat(sent.getMaxTokens()).isEqualTo(50);
		assertThat(sent.getTopP()).isEqualTo(0.5);
	}

	@Test
	void theMessagesAreHandedOnAsTheyAreNotCopiedAndTheCallersPromptKeepsItsOptions() {
		List<Message> messages = List.of(new SystemMessage("be brief"), new UserMessage("first"),
				new UserMessage("second"));
		RoutingChatOptions requested = RoutingChatOptions.builder().tier("small").build();
		Prompt prompt = new Prompt(messages, requested);

		Prompt sent = this.retargeter.retarget(prompt, member("member-model", null));

		assertThat(sent.getInstructions()).isSameAs(prompt.getInstructions());
		assertThat(sent.getInstructions().get(1)).isSameAs(messages.get(1));
		assertThat(prompt.getOptions()).isSameAs(requested);
		assertThat(sent.getOptions()).isNotSameAs(requested);
	}

	private static TierMember member(String model, ChatOptions options) {
		ChatModel chatModel = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				throw new UnsupportedOperationException("not called");
			}

			@Override
			public ChatOptions getOptions() {
				return ToolCallingChatOptions.builder().model("default-model").temperature(0.7).topP(0.5).build();
			}

		};
		return new TierMember("small-" + model, "small", "bean", chatModel, model, options, Price.FREE);
	}

}
