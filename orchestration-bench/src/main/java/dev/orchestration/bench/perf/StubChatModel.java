package dev.orchestration.bench.perf;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that answers every call with one prebuilt {@link ChatResponse} (with usage
 * and a finish reason) and every stream with the same prebuilt chunks, or throws one
 * prebuilt error: the benchmarks then time orchestration, not a provider, response
 * building or stack-trace capture.
 */
public final class StubChatModel implements ChatModel, StreamingChatModel {

	/** The answer of every call. */
	public static final String ANSWER = "Paris is the capital of France.";

	private final String name;

	private final ChatResponse response;

	private final ChatResponse[] chunks;

	private final RuntimeException error;

	private volatile boolean failing;

	/**
	 * Creates a stub that answers.
	 * @param name the default model name, reported in the response metadata
	 */
	public StubChatModel(String name) {
		this.name = name;
		this.response = response(ANSWER, name, true);
		this.chunks = new ChatResponse[] { response("Paris is ", name, false), response("the capital ", name, false),
				response("of France.", name, true) };
		this.error = new TransientStubException(name);
	}

	/**
	 * Makes every later call and stream fail with a transient error (an unrecognised
	 * runtime exception, which the default failure classifier treats as transient), or
	 * answer again.
	 * @param failing whether to fail
	 * @return this stub
	 */
	public StubChatModel failing(boolean failing) {
		this.failing = failing;
		return this;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		if (this.failing) {
			throw this.error;
		}
		return this.response;
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		if (this.failing) {
			return Flux.error(this.error);
		}
		return Flux.fromArray(this.chunks);
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(this.name).build();
	}

	private static ChatResponse response(String text, String model, boolean last) {
		ChatGenerationMetadata metadata = last ? ChatGenerationMetadata.builder().finishReason("STOP").build()
				: ChatGenerationMetadata.NULL;
		Generation generation = new Generation(new AssistantMessage(text), metadata);
		ChatResponseMetadata.Builder responseMetadata = ChatResponseMetadata.builder().id("stub-1").model(model);
		if (last) {
			responseMetadata.usage(new DefaultUsage(24, 8));
		}
		return new ChatResponse(List.of(generation), responseMetadata.build());
	}

	/**
	 * The prebuilt transient failure of a failing stub; no stack trace, so throwing it
	 * costs what a throw costs.
	 */
	static final class TransientStubException extends RuntimeException {

		TransientStubException(String model) {
			super("503 Service Unavailable from stub " + model, null, false, false);
		}

	}

}
