package dev.orchestration.cascade;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.routing.RoutingChatOptions;

import org.springframework.ai.chat.client.ChatClientRequest;

/**
 * The cascade policy of each task hint, and the default policy for the rest.
 */
public class CascadePolicies {

	private final CascadePolicy defaults;

	private final Map<String, CascadePolicy> byTask;

	public CascadePolicies(CascadePolicy defaults, Map<String, CascadePolicy> byTask) {
		this.defaults = defaults;
		this.byTask = byTask.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((e) -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
	}

	public CascadePolicy forRequest(ChatClientRequest request) {
		TaskSignal task = (request.prompt().getOptions() instanceof RoutingChatOptions options)
				? options.getEffectiveTask() : null;
		if (task != null) {
			return this.byTask.getOrDefault(task.key(), this.defaults);
		}
		return this.defaults;
	}

}
