package dev.orchestration.cascade;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Retries of the same tier with adjusted parameters before escalating.
 *
 * @param maxRetries the most retries of one request, over all tiers (0: never retry)
 * @param on the ordered adjustments per verifier name that rejected the answer
 * ({@value #ANY_VERIFIER} for any other verifier): the n-th retry after that verifier
 * rejected applies the first n adjustments of its list
 * @param temperature the temperature {@link Adjustment#LOWER_TEMPERATURE} sets
 * @param maxTokensFactor how much {@link Adjustment#LARGER_MAX_TOKENS} multiplies max
 * tokens by
 * @param systemHint the system message {@link Adjustment#STRICTER_SYSTEM_HINT} adds
 */
public record RetrySettings(int maxRetries, Map<String, List<Adjustment>> on, double temperature,
		double maxTokensFactor, String systemHint) {

	/** The key of the adjustments that apply to verifiers without their own list. */
	public static final String ANY_VERIFIER = "any";

	/** The default system hint. */
	public static final String DEFAULT_SYSTEM_HINT = "Answer exactly in the requested format. Give only the answer, "
			+ "complete, with no extra text.";

	/** No retries. */
	public static final RetrySettings NONE = new RetrySettings(0, Map.of(), 0, 2, DEFAULT_SYSTEM_HINT);

	public RetrySettings {
		on = Map.copyOf(on);
	}

	/**
	 * The adjustments of the next retry after {@code verifier} rejected an answer, or
	 * {@code null} when there is none left.
	 * @param verifier the verifier that rejected
	 * @param previous how many retries this tier has had so far for that verifier
	 * @param retriesSoFar how many retries the request has had
	 */
	public @Nullable List<Adjustment> next(String verifier, int previous, int retriesSoFar) {
		if (retriesSoFar >= this.maxRetries) {
			return null;
		}
		List<Adjustment> list = this.on.getOrDefault(verifier, this.on.get(ANY_VERIFIER));
		if (list == null || previous >= list.size()) {
			return null;
		}
		return list.subList(0, previous + 1);
	}

}
