package dev.orchestration.cascade;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A parallel ensemble as a task's first step: the request goes to several tiers at once
 * and one answer is picked.
 *
 * @param members tiers asked, in order of preference (ties and the hedge's launch order
 * follow it)
 * @param pick how the answer is chosen
 * @param quorum for {@link Pick#VOTE}: the weight the winning answer needs
 * @param normalizer for {@link Pick#VOTE}: how answers are compared
 * @param weights for {@link Pick#VOTE}: weight by member id, else tier name; 1 otherwise
 * @param maxConcurrency the most members called at once
 * @param maxCost USD the members of one request may cost, estimated before each call (0
 * for no bound): a member whose estimate would cross it is not called
 * @param timeout how long the ensemble may take; members still running are cancelled
 * @param escalateTo the tier asked (and verified as usual) when no answer is picked, or
 * {@code null} to end there
 */
public record EnsembleSettings(List<String> members, Pick pick, double quorum, AnswerNormalizer normalizer,
		Map<String, Double> weights, int maxConcurrency, double maxCost, Duration timeout,
		@Nullable String escalateTo) {

	public EnsembleSettings {
		members = List.copyOf(members);
		weights = Map.copyOf(weights);
	}

	/** How an ensemble picks its answer. */
	public enum Pick {

		/** The answer with the most (weighted) votes, when it reaches the quorum. */
		VOTE,

		/**
		 * The answer the judge tier scores highest, when it reaches the judge threshold.
		 */
		JUDGE,

		/**
		 * Hedged: the first answer that passes the validators; the members still running
		 * are cancelled.
		 */
		FIRST_VALID

	}

}
