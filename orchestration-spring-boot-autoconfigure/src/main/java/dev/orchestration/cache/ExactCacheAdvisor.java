package dev.orchestration.cache;

import java.time.Clock;
import java.util.Optional;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;

/**
 * The exact cache: the same question in the same scope gets the stored answer, whatever tier would have served it.
 * Ordered outside chat memory and the tool loop.
 */
public class ExactCacheAdvisor extends ResponseCacheAdvisor {

	/** Outside memory advisors (HIGHEST + 200) and the tool loop (HIGHEST + 300). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final ResponseCacheStore store;

	public ExactCacheAdvisor(ResponseCacheStore store, CacheKeyStrategy keys, CachePolicy policy, CacheMetrics metrics,
			Clock clock) {
		super(keys, policy, metrics, clock, ORDER);
		this.store = store;
	}

	@Override
	protected String layer() {
		return CacheHit.EXACT;
	}

	@Override
	protected Optional<ChatResponse> read(PendingLookup lookup) {
		return this.store.get(key(lookup)).filter((entry) -> fresh(lookup, entry)).map((entry) -> hit(entry, null));
	}

	@Override
	protected void write(PendingLookup lookup, CacheEntry entry) {
		this.store.put(key(lookup), entry, lookup.ttl);
	}

	private static String key(PendingLookup lookup) {
		return lookup.scope.key() + ":e:" + Hashing.sha256(lookup.question.strip());
	}

}
