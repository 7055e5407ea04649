package dev.orchestration.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orchestration.routing.RoutingChatOptions;

import org.springframework.ai.chat.client.ChatClientRequest;

/**
 * How long answers live: a default TTL and a TTL per task hint, where zero means never cached (time-sensitive
 * answers).
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

	public Duration ttl(ChatClientRequest request) {
		if (request.prompt().getOptions() instanceof RoutingChatOptions routing && routing.getTask() != null) {
			return this.ttlByTask.getOrDefault(routing.getTask().toLowerCase(Locale.ROOT), this.defaultTtl);
		}
		return this.defaultTtl;
	}

}
