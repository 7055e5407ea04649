package dev.orchestration.test.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.jspecify.annotations.Nullable;

/**
 * One prompt of an evaluation.
 *
 * @param id a stable identifier (for example RouterBench's {@code sample_id})
 * @param prompt the user message sent to the policy
 * @param task the task hint (class) of the case, or {@code null}; sent as
 * {@code RoutingChatOptions.task} unless the policy ignores hints, and the class the
 * {@link RoutingTuner} groups by
 * @param expected the reference answer for exact, regex and numeric graders, or
 * {@code null}
 * @param recorded recorded quality per model (or member, or tier) name: 1.0/0.0
 * correctness (RouterBench, GSM8K) or a judge score (MT-Bench), read by
 * {@link RecordedCorrectnessGrader}
 * @param recordedCost recorded cost in USD per model name, when the data has one
 * (RouterBench)
 * @param metadata free-form metadata (category, source file, ...)
 */
public record EvalCase(String id, String prompt, @Nullable String task, @Nullable String expected,
		Map<String, Double> recorded, Map<String, Double> recordedCost, Map<String, String> metadata) {

	public EvalCase {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(prompt, "prompt");
		recorded = Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
		recordedCost = Collections.unmodifiableMap(new LinkedHashMap<>(recordedCost));
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/** A case with only an id and a prompt. */
	public static EvalCase of(String id, String prompt) {
		return new EvalCase(id, prompt, null, null, Map.of(), Map.of(), Map.of());
	}

	/** A case with a task and a reference answer. */
	public static EvalCase of(String id, String prompt, @Nullable String task, @Nullable String expected) {
		return new EvalCase(id, prompt, task, expected, Map.of(), Map.of(), Map.of());
	}

	public EvalCase withTask(@Nullable String task) {
		return new EvalCase(this.id, this.prompt, task, this.expected, this.recorded, this.recordedCost, this.metadata);
	}

	public EvalCase withExpected(@Nullable String expected) {
		return new EvalCase(this.id, this.prompt, this.task, expected, this.recorded, this.recordedCost, this.metadata);
	}

	/**
	 * This case with a recorded quality (and optionally cost, NaN when unknown) for a
	 * model.
	 */
	public EvalCase withRecorded(String model, double quality, double cost) {
		Map<String, Double> values = new LinkedHashMap<>(this.recorded);
		values.put(model, quality);
		Map<String, Double> costs = new LinkedHashMap<>(this.recordedCost);
		if (!Double.isNaN(cost)) {
			costs.put(model, cost);
		}
		return new EvalCase(this.id, this.prompt, this.task, this.expected, values, costs, this.metadata);
	}

	public EvalCase withMetadata(String key, String value) {
		Map<String, String> values = new LinkedHashMap<>(this.metadata);
		values.put(key, value);
		return new EvalCase(this.id, this.prompt, this.task, this.expected, this.recorded, this.recordedCost, values);
	}

	/** The recorded quality of the first of the names that has one. */
	public OptionalDouble recordedFor(@Nullable String... names) {
		for (String name : names) {
			if (name != null) {
				Double value = this.recorded.get(name);
				if (value != null) {
					return OptionalDouble.of(value);
				}
			}
		}
		return OptionalDouble.empty();
	}

}
