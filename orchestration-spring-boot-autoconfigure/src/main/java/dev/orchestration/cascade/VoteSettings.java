package dev.orchestration.cascade;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the {@code vote} verifier asks for more answers and counts them.
 *
 * @param voters tiers that each answer once more, in parallel
 * @param samples further samples of the answering tier itself (self-consistency), 0 for
 * none
 * @param temperature the temperature of those samples, or {@code null} to keep the
 * request's
 * @param quorum the weight that must agree with the answer, the answer's own vote
 * included (plain votes: a count)
 * @param normalizer how answers are compared ({@link AnswerNormalizer#JSON} votes field
 * by field)
 * @param weights the weight of a vote by member id, else by tier name; 1 when neither is
 * listed
 * @param maxConcurrency the most vote calls in flight at once for one request
 * @param timeout how long the votes of one request may take; later votes count as failed
 */
public record VoteSettings(List<String> voters, int samples, @Nullable Double temperature, double quorum,
		AnswerNormalizer normalizer, Map<String, Double> weights, int maxConcurrency, Duration timeout) {

	public VoteSettings {
		voters = List.copyOf(voters);
		weights = Map.copyOf(weights);
	}

	/** The two-model agreement check as a vote: one voter, both answers must agree. */
	public static VoteSettings agreement(String tier, AnswerNormalizer normalizer, Duration timeout) {
		return new VoteSettings(List.of(tier), 0, null, 2, normalizer, Map.of(), 1, timeout);
	}

	/** The weight of a vote from this member of this tier. */
	public double weight(@Nullable String member, @Nullable String tier) {
		return weightOf(this.weights, member, tier);
	}

	public static double weightOf(Map<String, Double> weights, @Nullable String member, @Nullable String tier) {
		Double weight = (member != null) ? weights.get(member) : null;
		if (weight == null && tier != null) {
			weight = weights.get(tier);
		}
		return (weight != null) ? weight : 1;
	}

	/**
	 * The most a not yet answered vote of this tier can weigh (its member is not known
	 * before it answers).
	 */
	public static double potential(Map<String, Double> weights, String tier) {
		Double weight = weights.get(tier);
		if (weight != null) {
			return weight;
		}
		return Math.max(1, weights.values().stream().mapToDouble(Double::doubleValue).max().orElse(1));
	}

}
