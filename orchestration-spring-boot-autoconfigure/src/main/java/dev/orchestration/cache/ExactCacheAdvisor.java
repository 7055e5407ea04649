package dev.orchestration.cache;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Optional;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;

/**
 * The exact cache: the same question in the same scope gets the stored answer, whatever
 * tier would have served it. Ordered outside chat memory and the tool loop.
 */
public class ExactCacheAdvisor extends ResponseCacheAdvisor {

	/** Outside memory advisors (HIGHEST + 200) and the tool loop (HIGHEST + 300). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?!.]+$");

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
		return lookup.scope.key() + ":e:" + Hashing.sha256(normalize(lookup.question));
	}

	/**
	 * The exact key ignores case, runs of whitespace and trailing punctuation: "How do I
	 * reset it?" and "how do i reset it" are the same question, and embeddings are not
	 * reliable on such small differences.
	 */
	static String normalize(String question) {
		String collapsed = WHITESPACE.matcher(question.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
		return TRAILING_PUNCTUATION.matcher(collapsed).replaceAll("");
	}

}
