package dev.orchestration.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads semantic-cache pair files: {@code [{origin, similar}]} (every pair has the same
 * meaning) or {@code [{text_a, text_b, label}]} (label 1 = same meaning, 0 = different).
 */
public final class PairFile {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private PairFile() {
	}

	/**
	 * Reads a pair file.
	 * @param file the JSON file
	 * @return the pairs in file order
	 * @throws IOException if the file cannot be read
	 */
	public static List<LabelledPair> read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return parse(MAPPER.readTree(in), file.toString());
		}
	}

	/**
	 * Parses the JSON text of a pair file.
	 * @param json the JSON array
	 * @return the pairs in order
	 */
	public static List<LabelledPair> parse(String json) {
		return parse(MAPPER.readTree(json), "<json>");
	}

	private static List<LabelledPair> parse(JsonNode root, String source) {
		if (!root.isArray()) {
			throw new IllegalArgumentException(source + ": expected a JSON array of pairs");
		}
		List<LabelledPair> pairs = new ArrayList<>(root.size());
		int index = 0;
		for (JsonNode node : root) {
			pairs.add(parsePair(node, source, index++));
		}
		return pairs;
	}

	private static LabelledPair parsePair(JsonNode node, String source, int index) {
		if (node.has("origin") && node.has("similar")) {
			return new LabelledPair(text(node, "origin", source, index), text(node, "similar", source, index), true);
		}
		if (node.has("text_a") && node.has("text_b") && node.has("label")) {
			JsonNode label = node.get("label");
			String value = label.isNumber() ? String.valueOf(label.asInt()) : label.asString().trim();
			if (!value.equals("0") && !value.equals("1")) {
				throw new IllegalArgumentException(
						source + ": pair " + index + " has label '" + value + "', expected 0 or 1");
			}
			return new LabelledPair(text(node, "text_a", source, index), text(node, "text_b", source, index),
					value.equals("1"));
		}
		throw new IllegalArgumentException(
				source + ": pair " + index + " has neither {origin, similar} nor {text_a, text_b, label}: " + node);
	}

	private static String text(JsonNode node, String field, String source, int index) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new IllegalArgumentException(source + ": pair " + index + " has no text in '" + field + "'");
		}
		return value.asString();
	}

}
