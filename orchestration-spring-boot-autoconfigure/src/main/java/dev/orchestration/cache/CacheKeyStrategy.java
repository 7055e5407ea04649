package dev.orchestration.cache;

import org.springframework.ai.chat.client.ChatClientRequest;

/**
 * Decides the scope of a request: entries are only served within an identical scope.
 * Replace the bean to widen or narrow it (for example to share answers across tenants on
 * purpose).
 */
@FunctionalInterface
public interface CacheKeyStrategy {

	CacheScope scope(ChatClientRequest request);

}
