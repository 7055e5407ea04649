package dev.orchestration.cascade;

import java.util.Map;

/**
 * What one verifier said about an answer.
 *
 * @param verifier the verifier's name
 * @param accepted whether the answer passes
 * @param score 0..1, higher is better (1 or 0 for yes/no verifiers)
 * @param reason why, in a few words
 * @param scores graded sub-scores (judge: relevance, coherence, hallucination-risk), empty otherwise
 * @param cost USD the verifier spent (judge and agreement calls), 0 for deterministic validators
 * @param promptTokens prompt tokens the verifier spent
 * @param completionTokens completion tokens the verifier spent
 */
public record Verdict(String verifier, boolean accepted, double score, String reason, Map<String, Double> scores,
		double cost, long promptTokens, long completionTokens) {

	public Verdict {
		scores = Map.copyOf(scores);
	}

	public static Verdict pass(String verifier, String reason) {
		return new Verdict(verifier, true, 1, reason, Map.of(), 0, 0, 0);
	}

	public static Verdict fail(String verifier, String reason) {
		return new Verdict(verifier, false, 0, reason, Map.of(), 0, 0, 0);
	}

}
