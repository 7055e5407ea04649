package dev.orchestration.classify.internal;

import java.util.List;
import java.util.Optional;

import dev.orchestration.classify.TaskClassification;
import dev.orchestration.classify.TaskClassifier;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.routing.internal.PromptOptions;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.core.Ordered;

/**
 * Sets the task of requests that have no task hint, from the classifier layers in order
 * (embedding classifier, then the small-model router for what it was not confident
 * about), so task routing rules and task cascade policies apply. Runs inside the caches
 * and before the cascade. The task's source and confidence travel with it, so the receipt
 * says which layer decided.
 */
public class TaskInferenceAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/** After the caches (HIGHEST + 100/110), before the cascade (HIGHEST + 150). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 120;

	private final List<TaskClassifier> layers;

	private final MeterRegistry meters;

	public TaskInferenceAdvisor(List<TaskClassifier> layers, MeterRegistry meters) {
		this.layers = List.copyOf(layers);
		this.meters = meters;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(infer(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Mono.fromCallable(() -> infer(request))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany(chain::nextStream);
	}

	ChatClientRequest infer(ChatClientRequest request) {
		ChatOptions options = request.prompt().getOptions();
		if (options instanceof RoutingChatOptions routing && routing.getEffectiveTask() != null) {
			return request;
		}
		UserMessage user = request.prompt().getUserMessage();
		String text = (user.getText() != null) ? user.getText() : "";
		for (TaskClassifier layer : this.layers) {
			Optional<TaskClassification> classification = layer.classify(text);
			if (classification.isPresent()) {
				TaskClassification found = classification.get();
				this.meters.counter("llm.routing.classifications", "source", found.source().id(), "task", found.task())
					.increment();
				if (found.cost() > 0) {
					this.meters.counter("llm.cost", "tier", "classifier", "member", found.source().id())
						.increment(found.cost());
				}
				return withTask(request, options, found);
			}
		}
		this.meters.counter("llm.routing.classifications", "source", "none", "task", "none").increment();
		return request;
	}

	private static ChatClientRequest withTask(ChatClientRequest request, ChatOptions options,
			TaskClassification classification) {
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (options != null) {
			builder.combineWith(options.mutate());
		}
		RoutingChatOptions inferred = builder.inferredTask(classification.signal()).build();
		return request.mutate().prompt(PromptOptions.with(request.prompt(), inferred)).build();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String getName() {
		return "TaskInferenceAdvisor";
	}

}
