package dev.orchestration.test.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored metrics a routing change is gated against: a small JSON file committed next
 * to the test (for example {@code src/test/resources/eval/baseline.json}).
 *
 * @param dataset the dataset the metrics were measured on
 * @param policy the policy they belong to
 * @param metrics the metrics
 * @param recordedAt when they were recorded (ISO-8601)
 */
public record EvalBaseline(String dataset, String policy, EvalMetrics metrics, String recordedAt) {

	/**
	 * Set this system property to {@code true} to (re)write baselines instead of gating
	 * against them.
	 */
	public static final String UPDATE_PROPERTY = "orchestration.eval.update-baseline";

	public EvalBaseline {
		Objects.requireNonNull(dataset, "dataset");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(metrics, "metrics");
	}

	/** The primary run of a report as a baseline. */
	public static EvalBaseline of(EvalReport report) {
		return of(report.dataset(), report.primary());
	}

	public static EvalBaseline of(String dataset, PolicyRun run) {
		return new EvalBaseline(dataset, run.policy(), run.metrics(), Instant.now().toString());
	}

	public Path write(Path file) {
		ObjectNode root = Json.object();
		root.put("dataset", this.dataset);
		root.put("policy", this.policy);
		root.put("recordedAt", this.recordedAt);
		root.set("metrics", Json.metrics(this.metrics));
		return Json.write(file, root);
	}

	/**
	 * Reads a stored baseline.
	 * @throws IllegalStateException with instructions when the file does not exist
	 */
	public static EvalBaseline read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No eval baseline at " + file.toAbsolutePath()
					+ ". Record one by running the eval test once with -D" + UPDATE_PROPERTY
					+ "=true and commit the file.");
		}
		JsonNode root = Json.read(file);
		return new EvalBaseline(root.path("dataset").asString(""), root.path("policy").asString(""),
				Json.metrics(root.path("metrics")), root.path("recordedAt").asString(""));
	}

	/** Whether {@code -Dorchestration.eval.update-baseline=true} is set. */
	public static boolean updateRequested() {
		return Boolean.getBoolean(UPDATE_PROPERTY);
	}

	/**
	 * The gate's usual entry: when an update is requested, writes the report's primary
	 * run as the new baseline and returns it; otherwise reads the stored baseline.
	 */
	public static EvalBaseline readOrUpdate(Path file, EvalReport report) {
		if (updateRequested()) {
			EvalBaseline baseline = of(report);
			baseline.write(file);
			return baseline;
		}
		return read(file);
	}

}
