package dev.orchestration.cascade.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.cascade.AnswerNormalizer;
import org.jspecify.annotations.Nullable;

/**
 * Counts normalised answers, each with its weight, field by field
 * ({@link AnswerNormalizer#fields(String)}: one field for every normaliser but JSON). The
 * winner of a field is the value with the most weight (the earlier answer on ties); an
 * answer wins when it carries the winning value of every field, and the vote reaches its
 * quorum when every field's winning value has at least the quorum's weight.
 */
public final class VoteTally {

	private final List<Map<String, String>> ballots;

	private final List<Double> weights;

	private final Map<String, String> winningValues = new LinkedHashMap<>();

	private double winningWeight = Double.MAX_VALUE;

	private VoteTally(List<Map<String, String>> ballots, List<Double> weights) {
		this.ballots = ballots;
		this.weights = weights;
		Map<String, Map<String, Double>> byField = new LinkedHashMap<>();
		for (int i = 0; i < ballots.size(); i++) {
			for (Map.Entry<String, String> field : ballots.get(i).entrySet()) {
				byField.computeIfAbsent(field.getKey(), (k) -> new LinkedHashMap<>())
					.merge(field.getValue(), weights.get(i), Double::sum);
			}
		}
		for (Map.Entry<String, Map<String, Double>> field : byField.entrySet()) {
			Map.Entry<String, Double> best = null;
			for (Map.Entry<String, Double> value : field.getValue().entrySet()) {
				if (best == null || value.getValue() > best.getValue() + 1e-12) {
					best = value;
				}
			}
			this.winningValues.put(field.getKey(), best.getKey());
			this.winningWeight = Math.min(this.winningWeight, best.getValue());
		}
		if (byField.isEmpty()) {
			this.winningWeight = 0;
		}
	}

	/**
	 * Counts the given answers.
	 * @param normalizer how answers are compared
	 * @param answers the answers' texts
	 * @param weights the weight of each answer, same order
	 * @return the tally
	 */
	public static VoteTally of(AnswerNormalizer normalizer, List<String> answers, List<Double> weights) {
		if (answers.size() != weights.size()) {
			throw new IllegalArgumentException("one weight per answer");
		}
		return new VoteTally(answers.stream().map(normalizer::fields).toList(), List.copyOf(weights));
	}

	/**
	 * The weight behind the winner: the smallest winning weight over the fields (0 when
	 * nothing was comparable).
	 */
	public double winningWeight() {
		return this.winningWeight;
	}

	/** The summed weight of every answer counted. */
	public double totalWeight() {
		return this.weights.stream().mapToDouble(Double::doubleValue).sum();
	}

	/**
	 * The weight that agrees with answer {@code index}: the smallest weight behind its
	 * value over its fields (0 when it has nothing comparable).
	 */
	public double support(int index) {
		Map<String, String> ballot = this.ballots.get(index);
		if (ballot.isEmpty()) {
			return 0;
		}
		double support = Double.MAX_VALUE;
		for (Map.Entry<String, String> field : ballot.entrySet()) {
			double weight = 0;
			for (int i = 0; i < this.ballots.size(); i++) {
				if (field.getValue().equals(this.ballots.get(i).get(field.getKey()))) {
					weight += this.weights.get(i);
				}
			}
			support = Math.min(support, weight);
		}
		return support;
	}

	/** Whether the winner has at least {@code quorum} weight on every field. */
	public boolean reaches(double quorum) {
		return !this.winningValues.isEmpty() && this.winningWeight + 1e-12 >= quorum;
	}

	/** Whether answer {@code index} carries the winning value of every field. */
	public boolean isWinner(int index) {
		Map<String, String> ballot = this.ballots.get(index);
		return !this.winningValues.isEmpty() && ballot.equals(this.winningValues);
	}

	/**
	 * The first answer that wins, or {@code null} when none carries every winning value.
	 */
	public @Nullable Integer firstWinner() {
		for (int i = 0; i < this.ballots.size(); i++) {
			if (isWinner(i)) {
				return i;
			}
		}
		return null;
	}

	/** The winning answer, as its normalised fields. */
	public Map<String, String> winningValues() {
		return new HashMap<>(this.winningValues);
	}

}
