package dev.orchestration.cascade;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How answers are compared by the agreement and vote verifiers and by ensembles: two
 * answers agree when their normalised forms are equal ({@link #fields(String)} for a
 * field-by-field vote over JSON).
 */
public enum AnswerNormalizer {

	/**
	 * The first stand-alone choice: a letter A-E or a digit 1-9 ("B", "(b)", "Answer:
	 * B").
	 */
	CHOICE {
		@Override
		public String normalize(String answer) {
			Matcher matcher = CHOICE_PATTERN.matcher(answer.strip());
			return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : "";
		}
	},

	/** The last number in the answer ("The answer is 42." gives 42). */
	NUMBER {
		@Override
		public String normalize(String answer) {
			Matcher matcher = NUMBER_PATTERN.matcher(answer.replace(",", ""));
			String last = "";
			while (matcher.find()) {
				last = matcher.group();
			}
			return last.isEmpty() ? "" : new java.math.BigDecimal(last).stripTrailingZeros().toPlainString();
		}
	},

	/**
	 * A short label ("Positive.", "label: SPAM", "**spam**" give "positive" and "spam"):
	 * the first line, without a "label:"/"answer:" prefix, lower case, letters, digits,
	 * dashes and single spaces.
	 */
	LABEL {
		@Override
		public String normalize(String answer) {
			String line = answer.strip().lines().filter((l) -> !l.isBlank()).findFirst().orElse("");
			line = LABEL_PREFIX.matcher(line).replaceFirst("");
			return line.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}-]+", " ").strip();
		}
	},

	/**
	 * The parsed JSON, keys sorted, numbers in one form (1.0 and 1 agree), answers in
	 * code fences unwrapped. Votes with this normalizer count field by field
	 * ({@link #fields(String)}).
	 */
	JSON {
		@Override
		public String normalize(String answer) {
			JsonNode tree = parse(answer);
			return (tree != null) ? SORTED.writeValueAsString(canonical(tree)) : "";
		}

		@Override
		public Map<String, String> fields(String answer) {
			JsonNode tree = parse(answer);
			if (tree == null) {
				return Map.of();
			}
			Map<String, String> fields = new TreeMap<>();
			flatten("", canonical(tree), fields);
			return fields;
		}
	},

	/** Lower case, letters and digits only, single spaces. */
	TEXT {
		@Override
		public String normalize(String answer) {
			return answer.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
		}
	};

	private static final Pattern CHOICE_PATTERN = Pattern
		.compile("(?i)(?<![\\p{L}\\p{N}])([A-E1-9])(?![\\p{L}\\p{N}])");

	private static final Pattern NUMBER_PATTERN = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final Pattern LABEL_PREFIX = Pattern
		.compile("(?i)^\\s*(?:label|answer|category|class)\\s*[:=-]\\s*");

	private static final JsonMapper SORTED = JsonMapper.builder()
		.enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	/**
	 * The comparable form of an answer; "" when nothing comparable was found (never
	 * agrees).
	 */
	public abstract String normalize(String answer);

	/**
	 * The answer as fields that are voted on one by one: for {@link #JSON} every leaf by
	 * its JSON pointer ({@code /items/0/name}); for the others one field ("") holding
	 * {@link #normalize(String)}. Empty when nothing comparable was found.
	 */
	public Map<String, String> fields(String answer) {
		String normalized = normalize(answer);
		return normalized.isEmpty() ? Map.of() : Map.of("", normalized);
	}

	private static @Nullable JsonNode parse(String answer) {
		try {
			return SORTED.readTree(JsonSchemaVerifier.stripFences(answer));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Numbers in one form (1, 1.0 and 1e0 agree), so that votes and agreement compare
	 * values, not spellings.
	 */
	private static JsonNode canonical(JsonNode node) {
		if (node.isNumber()) {
			return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
		}
		if (node instanceof ObjectNode object) {
			ObjectNode copy = SORTED.createObjectNode();
			new TreeSet<>(object.propertyNames()).forEach((key) -> copy.set(key, canonical(object.get(key))));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = SORTED.createArrayNode();
			array.forEach((element) -> copy.add(canonical(element)));
			return copy;
		}
		return node;
	}

	private static void flatten(String pointer, JsonNode node, Map<String, String> fields) {
		if (node instanceof ObjectNode object && !object.isEmpty()) {
			object.propertyNames().forEach((key) -> flatten(pointer + "/" + key, object.get(key), fields));
		}
		else if (node instanceof ArrayNode array && !array.isEmpty()) {
			for (int i = 0; i < array.size(); i++) {
				flatten(pointer + "/" + i, array.get(i), fields);
			}
		}
		else {
			fields.put(pointer, SORTED.writeValueAsString(node));
		}
	}

}
