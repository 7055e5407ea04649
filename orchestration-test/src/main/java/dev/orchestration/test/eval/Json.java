package dev.orchestration.test.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Jackson 3 helpers of the eval package: NaN written as null, pretty-printed files. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static void put(ObjectNode node, String key, double value) {
		if (Double.isFinite(value)) {
			node.put(key, value);
		}
		else {
			node.putNull(key);
		}
	}

	static void put(ObjectNode node, String key, @Nullable String value) {
		if (value != null) {
			node.put(key, value);
		}
		else {
			node.putNull(key);
		}
	}

	static double number(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value == null || value.isNull()) ? Double.NaN : value.asDouble();
	}

	static ObjectNode metrics(EvalMetrics m) {
		ObjectNode node = object();
		node.put("cases", m.cases());
		node.put("passed", m.passed());
		node.put("errors", m.errors());
		put(node, "passRate", m.passRate());
		put(node, "meanScore", m.meanScore());
		put(node, "totalCost", m.totalCost());
		put(node, "costPerRequest", m.costPerRequest());
		put(node, "costPerSuccess", m.costPerSuccess());
		ObjectNode shares = node.putObject("tierShares");
		m.tierShares()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> shares.put(e.getKey(), e.getValue()));
		put(node, "escalationRate", m.escalationRate());
		put(node, "p50LatencyMillis", m.p50LatencyMillis());
		put(node, "p95LatencyMillis", m.p95LatencyMillis());
		return node;
	}

	static EvalMetrics metrics(JsonNode node) {
		Map<String, Double> shares = new LinkedHashMap<>();
		JsonNode sharesNode = node.get("tierShares");
		if (sharesNode != null) {
			for (Map.Entry<String, JsonNode> e : sharesNode.properties()) {
				shares.put(e.getKey(), e.getValue().asDouble());
			}
		}
		return new EvalMetrics(node.path("cases").asInt(), node.path("passed").asInt(), node.path("errors").asInt(),
				number(node, "passRate"), number(node, "meanScore"), number(node, "totalCost"),
				number(node, "costPerRequest"), number(node, "costPerSuccess"), shares, number(node, "escalationRate"),
				number(node, "p50LatencyMillis"), number(node, "p95LatencyMillis"));
	}

	static Path write(Path file, JsonNode node) {
		return writeString(file, MAPPER.writeValueAsString(node) + "\n");
	}

	static Path writeString(Path file, String text) {
		try {
			if (file.toAbsolutePath().getParent() != null) {
				Files.createDirectories(file.toAbsolutePath().getParent());
			}
			Files.writeString(file, text, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	static JsonNode read(Path file) {
		try {
			return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
