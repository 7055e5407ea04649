package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * An in-memory chat model for unit tests: answers with "[name] reply", or throws the
 * scripted errors first.
 */
public class ScriptedChatModel implements ChatModel {

	private final String name;

	private final Deque<RuntimeException> failures = new ConcurrentLinkedDeque<>();

	private final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());

	private volatile RuntimeException alwaysFail;

	private volatile Function<Prompt, String> answer;

	public ScriptedChatModel(String name) {
		this.name = name;
		this.answer = (prompt) -> "[" + name + "] reply";
	}

	public ScriptedChatModel failNext(RuntimeException... errors) {
		this.failures.addAll(List.of(errors));
		return this;
	}

	public ScriptedChatModel failAlways(RuntimeException error) {
		this.alwaysFail = error;
		return this;
	}

	public ScriptedChatModel answer(Function<Prompt, String> answer) {
		this.answer = answer;
		return this;
	}

	public List<Prompt> prompts() {
		return this.prompts;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		this.prompts.add(prompt);
		RuntimeException failure = (this.alwaysFail != null) ? this.alwaysFail : this.failures.poll();
		if (failure != null) {
			throw failure;
		}
		Generation generation = new Generation(new AssistantMessage(this.answer.apply(prompt)),
				ChatGenerationMetadata.builder().finishReason("STOP").build());
		String model = (prompt.getOptions() != null) ? prompt.getOptions().getModel() : this.name;
		return new ChatResponse(List.of(generation),
				ChatResponseMetadata.builder().model(model).usage(new DefaultUsage(100, 20)).build());
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> Flux.just(call(prompt)));
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(this.name + "-default").build();
	}

}
