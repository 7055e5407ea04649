package dev.orchestration.test.simulator;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One RouterBench prompt with every model's recorded outcome.
 *
 * @param sampleId the {@code sample_id}
 * @param prompt the decoded prompt text: the parts of the {@code prompt} list literal
 * joined by {@code "\n"}
 * @param promptParts the decoded parts of the {@code prompt} list literal
 * @param evalName the task label ({@code arc-challenge}, {@code winogrande},
 * {@code mbpp})
 * @param outcomes recorded outcome per model name (models with an empty correctness value
 * are absent)
 * @param oracleModel the {@code oracle_model_to_route_to} value ("" when absent)
 */
public record RouterBenchRow(String sampleId, String prompt, List<String> promptParts, String evalName,
		Map<String, Outcome> outcomes, String oracleModel) {

	/**
	 * One model's recorded result on a prompt.
	 *
	 * @param correct 1.0 correct, 0.0 wrong
	 * @param response the decoded {@code <model>|model_response} (list parts joined by
	 * {@code "\n"})
	 * @param totalCost the {@code <model>|total_cost} in USD, or NaN when empty
	 */
	public record Outcome(double correct, String response, double totalCost) {

		/**
		 * Whether the answer was graded correct.
		 * @return true when {@code correct >= 0.5}
		 */
		public boolean isCorrect() {
			return this.correct >= 0.5;
		}

	}

	/**
	 * Whether this row has a recorded outcome for the model.
	 * @param model the model name
	 * @return true when present
	 */
	public boolean has(String model) {
		return this.outcomes.containsKey(model);
	}

	/**
	 * The model's outcome, or null.
	 * @param model the model name
	 * @return the outcome
	 */
	public @Nullable Outcome outcome(String model) {
		return this.outcomes.get(model);
	}

	/**
	 * The model's correctness (1.0 / 0.0), or NaN when missing.
	 * @param model the model name
	 * @return the correctness
	 */
	public double correct(String model) {
		Outcome o = this.outcomes.get(model);
		return o == null ? Double.NaN : o.correct();
	}

	/**
	 * The model's decoded response, or null when missing.
	 * @param model the model name
	 * @return the response
	 */
	public @Nullable String response(String model) {
		Outcome o = this.outcomes.get(model);
		return o == null ? null : o.response();
	}

	/**
	 * The model's recorded cost in USD, or NaN when missing.
	 * @param model the model name
	 * @return the cost
	 */
	public double cost(String model) {
		Outcome o = this.outcomes.get(model);
		return o == null ? Double.NaN : o.totalCost();
	}

}
