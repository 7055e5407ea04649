package dev.orchestration.cascade.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.internal.PromptOptions;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The rest of a stream's advisor chain seen as a call chain: each step's stream is
 * collected into one answer, so the cascade verifies and escalates a buffered stream
 * exactly as it does a call. The cascade runs on a bounded-elastic thread (it blocks on
 * each step) and the chosen answer is emitted as a one-chunk stream. Each step asks the
 * router for a {@link RoutingChatOptions#isBufferedStream() buffered} stream, so a member
 * whose stream is cut fails over as a failed call does.
 */
final class BufferedStreamChain implements CallAdvisorChain {

	private final StreamAdvisorChain chain;

	private BufferedStreamChain(StreamAdvisorChain chain) {
		this.chain = chain;
	}

	static Flux<ChatClientResponse> cascade(CascadeAdvisor advisor, ChatClientRequest request,
			StreamAdvisorChain chain) {
		return Mono.fromCallable(() -> advisor.adviseCall(request, new BufferedStreamChain(chain)))
			.subscribeOn(Schedulers.boundedElastic())
			.flux();
	}

	@Override
	public ChatClientResponse nextCall(ChatClientRequest request) {
		List<ChatClientResponse> chunks = this.chain.nextStream(buffered(request)).collectList().block();
		return collect((chunks != null) ? chunks : List.of());
	}

	/**
	 * The request marked so that the router holds each member's stream until it
	 * completes: this chain, not the caller, consumes the chunks, so a stream cut after
	 * its first chunks must fail over instead of ending the request.
	 */
	private static ChatClientRequest buffered(ChatClientRequest request) {
		if (!(request.prompt().getOptions() instanceof RoutingChatOptions options) || options.isBufferedStream()) {
			return request;
		}
		Prompt prompt = PromptOptions.with(request.prompt(), options.mutate().bufferedStream(true).build());
		return request.mutate().prompt(prompt).build();
	}

	@Override
	public List<CallAdvisor> getCallAdvisors() {
		return List.of();
	}

	@Override
	public CallAdvisorChain copy(CallAdvisor after) {
		return new BufferedStreamChain(this.chain.copy((StreamAdvisor) after));
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.chain.getObservationRegistry();
	}

	/**
	 * One response of the chunks: the text in order, the last finish reason, the metadata
	 * of the last chunks.
	 */
	static ChatClientResponse collect(List<ChatClientResponse> chunks) {
		StringBuilder text = new StringBuilder();
		String finishReason = null;
		boolean toolCalls = false;
		Map<String, Object> entries = new HashMap<>();
		@Nullable String id = null;
		@Nullable String model = null;
		int promptTokens = 0;
		int completionTokens = 0;
		Map<String, Object> context = new HashMap<>();
		AssistantMessage toolCallMessage = null;
		for (ChatClientResponse chunk : chunks) {
			context.putAll(chunk.context());
			ChatResponse response = chunk.chatResponse();
			if (response == null) {
				continue;
			}
			for (Generation generation : response.getResults()) {
				if (generation.getOutput().getText() != null) {
					text.append(generation.getOutput().getText());
				}
				String reason = generation.getMetadata().getFinishReason();
				if (reason != null && !reason.isBlank()) {
					finishReason = reason;
				}
				if (generation.getOutput().hasToolCalls()) {
					toolCalls = true;
					toolCallMessage = generation.getOutput();
				}
			}
			ChatResponseMetadata metadata = response.getMetadata();
			metadata.entrySet().forEach((entry) -> entries.put(entry.getKey(), entry.getValue()));
			id = (metadata.getId() != null && !metadata.getId().isEmpty()) ? metadata.getId() : id;
			model = (metadata.getModel() != null && !metadata.getModel().isEmpty()) ? metadata.getModel() : model;
			Usage usage = metadata.getUsage();
			promptTokens = Math.max(promptTokens, (usage.getPromptTokens() != null) ? usage.getPromptTokens() : 0);
			completionTokens = Math.max(completionTokens,
					(usage.getCompletionTokens() != null) ? usage.getCompletionTokens() : 0);
		}
		AssistantMessage message = (toolCalls && toolCallMessage != null) ? toolCallMessage
				: new AssistantMessage(text.toString());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.metadata(entries)
			.usage(new DefaultUsage(promptTokens, completionTokens));
		if (id != null) {
			metadata.id(id);
		}
		if (model != null) {
			metadata.model(model);
		}
		ChatResponse response = new ChatResponse(
				List.of(new Generation(message, ChatGenerationMetadata.builder().finishReason(finishReason).build())),
				metadata.build());
		return ChatClientResponse.builder().chatResponse(response).context(context).build();
	}

}
