package dev.orchestration.test.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Labelled cases in a JSON file,
 * {@code {"name": ..., "cases": [{"id", "prompt", "task", "expected", "recorded",
 * "recordedCost", "metadata"}, ...]}}: the format the review export writes
 * ({@code ReviewExport}, {@code GET /actuator/llm-reviews?state=eval-cases}), so that
 * reviewed answers become evaluation and tuning cases.
 */
public final class EvalCaseFile {

	private EvalCaseFile() {
	}

	/**
	 * The cases of a file as a dataset named after the file's {@code name} (or the file
	 * name).
	 */
	public static EvalDataset read(Path file) {
		JsonNode root;
		try {
			root = Json.MAPPER.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		JsonNode cases = root.get("cases");
		if (cases == null || !cases.isArray()) {
			throw new IllegalArgumentException(file + " has no \"cases\" array: it is not an eval case file");
		}
		List<EvalCase> loaded = new ArrayList<>();
		for (JsonNode node : cases) {
			loaded.add(new EvalCase(text(node, "id"), text(node, "prompt"), optional(node, "task"),
					optional(node, "expected"), numbers(node.get("recorded")), numbers(node.get("recordedCost")),
					strings(node.get("metadata"))));
		}
		String name = optional(root, "name");
		return new EvalDataset((name != null) ? name : String.valueOf(file.getFileName()), loaded);
	}

	/** Writes a dataset in the same format. */
	public static void write(EvalDataset dataset, Path file) {
		ObjectNode root = Json.object();
		root.put("name", dataset.name());
		ArrayNode cases = root.putArray("cases");
		for (EvalCase c : dataset.cases()) {
			ObjectNode node = cases.addObject();
			node.put("id", c.id());
			node.put("prompt", c.prompt());
			Json.put(node, "task", c.task());
			Json.put(node, "expected", c.expected());
			ObjectNode recorded = node.putObject("recorded");
			c.recorded().forEach((k, v) -> Json.put(recorded, k, v));
			ObjectNode cost = node.putObject("recordedCost");
			c.recordedCost().forEach((k, v) -> Json.put(cost, k, v));
			ObjectNode metadata = node.putObject("metadata");
			c.metadata().forEach(metadata::put);
		}
		try {
			Files.writeString(file, Json.MAPPER.writeValueAsString(root));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(JsonNode node, String field) {
		String value = optional(node, field);
		if (value == null) {
			throw new IllegalArgumentException("An eval case needs \"" + field + "\": " + node);
		}
		return value;
	}

	private static @Nullable String optional(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static Map<String, Double> numbers(@Nullable JsonNode node) {
		Map<String, Double> values = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			node.properties()
				.forEach((e) -> values.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
		}
		return values;
	}

	private static Map<String, String> strings(@Nullable JsonNode node) {
		Map<String, String> values = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			node.properties().forEach((e) -> values.put(e.getKey(), e.getValue().asString()));
		}
		return values;
	}

}
