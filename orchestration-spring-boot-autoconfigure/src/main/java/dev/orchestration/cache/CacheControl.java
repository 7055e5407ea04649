package dev.orchestration.cache;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Per-request cache controls, passed as advisor params:
 * {@code client.prompt("...").advisors(a -> a.param(CacheControl.SKIP_READ, true))}.
 *
 * @param skipRead do not answer from the cache
 * @param skipWrite do not store the answer
 * @param maxAge accept only entries younger than this, or {@code null} for any age
 */
public record CacheControl(boolean skipRead, boolean skipWrite, @Nullable Duration maxAge) {

	/** Advisor param: {@code true} to bypass cache reads. */
	public static final String SKIP_READ = "llm.cache.skip-read";

	/** Advisor param: {@code true} to keep the answer out of the cache. */
	public static final String SKIP_WRITE = "llm.cache.skip-write";

	/** Advisor param: maximum entry age, a {@link Duration} or a number of seconds. */
	public static final String MAX_AGE = "llm.cache.max-age";

	/**
	 * Advisor param: the tenant or user the cache scope belongs to (overrides the routing
	 * tenant hint).
	 */
	public static final String TENANT = "llm.cache.tenant";

	public static CacheControl of(Map<String, @Nullable Object> context) {
		return new CacheControl(flag(context.get(SKIP_READ)), flag(context.get(SKIP_WRITE)),
				duration(context.get(MAX_AGE)));
	}

	private static boolean flag(@Nullable Object value) {
		return (value instanceof Boolean b) ? b : (value != null && Boolean.parseBoolean(value.toString()));
	}

	private static @Nullable Duration duration(@Nullable Object value) {
		if (value instanceof Duration d) {
			return d;
		}
		if (value instanceof Number n) {
			return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
		}
		return (value != null) ? Duration.ofSeconds(Long.parseLong(value.toString().trim())) : null;
	}

}
