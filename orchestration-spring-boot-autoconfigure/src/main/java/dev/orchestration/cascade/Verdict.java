package dev.orchestration.cascade;

import java.util.List;
import java.util.Map;

/**
 * What one verifier said about an answer.
 *
 * @param verifier the verifier's name
 * @param accepted whether the answer passes
 * @param score 0..1, higher is better (1 or 0 for yes/no verifiers)
 * @param reason why, in a few words
 * @param scores graded sub-scores (judge: relevance, coherence, hallucination-risk),
 * empty otherwise
 * @param cost USD the verifier spent (judge and agreement calls), 0 for deterministic
 * validators
 * @param promptTokens prompt tokens the verifier spent
 * @param completionTokens completion tokens the verifier spent
 * @param candidates the calls the verifier made, each with its answer, weight and cost
 * (votes, samples, ensemble members); empty for verifiers that make one call or none
 */
public record Verdict(String verifier, boolean accepted, double score, String reason, Map<String, Double> scores,
		double cost, long promptTokens, long completionTokens, List<Candidate> candidates) {

	public Verdict {
		scores = Map.copyOf(scores);
		candidates = List.copyOf(candidates);
	}

	public Verdict(String verifier, boolean accepted, double score, String reason, Map<String, Double> scores,
			double cost, long promptTokens, long completionTokens) {
		this(verifier, accepted, score, reason, scores, cost, promptTokens, completionTokens, List.of());
	}

	public static Verdict pass(String verifier, String reason) {
		return new Verdict(verifier, true, 1, reason, Map.of(), 0, 0, 0);
	}

	public static Verdict fail(String verifier, String reason) {
		return new Verdict(verifier, false, 0, reason, Map.of(), 0, 0, 0);
	}

}
