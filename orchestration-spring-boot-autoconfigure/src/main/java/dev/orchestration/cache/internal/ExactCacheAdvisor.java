package dev.orchestration.cache.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import dev.orchestration.cache.CacheEntry;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.CacheKeyStrategy;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.ResponseCacheStore;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;

/**
 * The exact cache: the same question in the same scope gets the stored answer, whatever
 * tier would have served it. Ordered outside chat memory and the tool loop.
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

	/** The store key, worked out once per request (the read and the write share it). */
	private static String key(PendingLookup lookup) {
		String key = lookup.exactKey;
		if (key == null) {
			key = lookup.scope.key() + ":e:" + Hashing.sha256(normalize(lookup.question));
			lookup.exactKey = key;
		}
		return key;
	}

	/**
	 * The exact key ignores case, runs of whitespace and trailing punctuation: "How do I
	 * reset it?" and "how do i reset it" are the same question, and embeddings are not
	 * reliable on such small differences.
	 */
	public static String normalize(String question) {
		String stripped = question.strip();
		StringBuilder collapsed = new StringBuilder(stripped.length());
		boolean inWhitespace = false;
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			if (isRegexWhitespace(c)) {
				if (!inWhitespace) {
					collapsed.append(' ');
				}
				inWhitespace = true;
			}
			else {
				collapsed.append(c);
				inWhitespace = false;
			}
		}
		String lower = collapsed.toString().toLowerCase(Locale.ROOT);
		// as "[\\s?!.]+$" did, where '$' also matched before a final NEL (U+0085), which
		// strip() keeps
		boolean finalNel = !lower.isEmpty() && lower.charAt(lower.length() - 1) == '\u0085';
		int end = finalNel ? lower.length() - 1 : lower.length();
		while (end > 0 && isTrailingPunctuation(lower.charAt(end - 1))) {
			end--;
		}
		return lower.substring(0, end) + (finalNel ? "\u0085" : "");
	}

	/**
	 * The characters of the regular expression class {@code \s}: keys were first written
	 * with regular expressions, and stored keys (in Redis, say) must stay valid.
	 */
	private static boolean isRegexWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
	}

	private static boolean isTrailingPunctuation(char c) {
		return isRegexWhitespace(c) || c == '?' || c == '!' || c == '.';
	}

}
