package dev.orchestration.classify.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.orchestration.classify.TaskClassification;
import dev.orchestration.classify.TaskClassifier;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.receipt.TaskSource;
import dev.orchestration.routing.RoutingChatOptions;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;

/**
 * The small-model router: a cheap tier labels the request with one of the configured
 * classes through structured output. Decisions are cached per normalised prompt
 * (bounded), so a repeated request costs nothing; each call's cost is reported.
 */
public class RouterModelTaskClassifier implements TaskClassifier {

	private static final String INSTRUCTIONS = """
			Classify the user's request into exactly one of these classes: %s.
			Reply with the class name only, in the requested format.
			Request:
			%s
			%s""";

	private static final int MAX_REQUEST_CHARS = 4000;

	private final ChatModel router;

	private final String tier;

	private final List<String> classes;

	private final BeanOutputConverter<Label> converter = new BeanOutputConverter<>(Label.class);

	private final Map<String, Optional<TaskClassification>> cache;

	public RouterModelTaskClassifier(ChatModel router, String tier, List<String> classes, int cacheSize) {
		this.router = router;
		this.tier = tier;
		this.classes = List.copyOf(classes);
		this.cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Optional<TaskClassification>> eldest) {
				return size() > cacheSize;
			}
		};
	}

	@Override
	public Optional<TaskClassification> classify(String text) {
		String key = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
		synchronized (this.cache) {
			Optional<TaskClassification> cached = this.cache.get(key);
			if (cached != null) {
				return cached.map((c) -> new TaskClassification(c.task(), c.confidence(), c.source(), 0));
			}
		}
		Optional<TaskClassification> result = ask(text);
		synchronized (this.cache) {
			this.cache.put(key, result);
		}
		return result;
	}

	private Optional<TaskClassification> ask(String text) {
		String request = (text.length() > MAX_REQUEST_CHARS) ? text.substring(0, MAX_REQUEST_CHARS) : text;
		Prompt prompt = new Prompt(
				new UserMessage(
						INSTRUCTIONS.formatted(String.join(", ", this.classes), request, this.converter.getFormat())),
				RoutingChatOptions.builder().tier(this.tier).build());
		ChatResponse response = this.router.call(prompt);
		double cost = RoutingReceipt.from(response).map(RoutingReceipt::cost).orElse(0.0);
		String answer = (response.getResult() != null) ? response.getResult().getOutput().getText() : null;
		try {
			Label label = (answer != null) ? this.converter.convert(answer) : null;
			if (label != null && label.label() != null) {
				for (String known : this.classes) {
					if (known.equalsIgnoreCase(label.label().strip())) {
						return Optional.of(new TaskClassification(known, 1, TaskSource.ROUTER_MODEL, cost));
					}
				}
			}
		}
		catch (RuntimeException unusable) {
			// an answer that is not one of the classes classifies nothing
		}
		return Optional.empty();
	}

	/** The router model's structured answer. */
	record Label(String label) {
	}

}
