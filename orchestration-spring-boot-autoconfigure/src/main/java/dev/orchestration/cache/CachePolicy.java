package dev.orchestration.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;

/**
 * How long answers live: a default TTL and a TTL per task, where zero means never cached
 * (time-sensitive answers). The task is the caller's hint when the request has one; a
 * task inferred further down the chain (task inference runs inside the caches) is read
 * from the answer's receipt before the answer is stored.
 */
public class CachePolicy {

	private final Duration defaultTtl;

	private final Map<String, Duration> ttlByTask;

	public CachePolicy(Duration defaultTtl, Map<String, Duration> ttlByTask) {
		this.defaultTtl = defaultTtl;
		this.ttlByTask = ttlByTask.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((e) -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
	}

	/**
	 * The TTL for what the request says of its task (a hint, or a task inferred before
	 * the caches).
	 */
	public Duration ttl(ChatClientRequest request) {
		TaskSignal task = (request.prompt().getOptions() instanceof RoutingChatOptions routing)
				? routing.getEffectiveTask() : null;
		return ttl(this.defaultTtl, task);
	}

	/**
	 * The TTL for an answer routed with the given task, or {@code fallback} when it had
	 * none or none is set.
	 */
	public Duration ttl(Duration fallback, @Nullable TaskSignal task) {
		return (task != null) ? this.ttlByTask.getOrDefault(task.key(), fallback) : fallback;
	}

}
