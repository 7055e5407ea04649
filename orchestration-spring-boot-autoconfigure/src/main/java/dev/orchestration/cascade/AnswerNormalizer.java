package dev.orchestration.cascade;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How two answers are compared by the agreement verifier.
 */
public enum AnswerNormalizer {

	/** The first stand-alone choice: a letter A-E or a digit 1-9 ("B", "(b)", "Answer: B"). */
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

	/** The parsed JSON, keys sorted (answers in code fences are unwrapped). */
	JSON {
		@Override
		public String normalize(String answer) {
			try {
				return SORTED.writeValueAsString(SORTED.readTree(JsonSchemaVerifier.stripFences(answer)));
			}
			catch (JacksonException ex) {
				return "";
			}
		}
	},

	/** Lower case, letters and digits only, single spaces. */
	TEXT {
		@Override
		public String normalize(String answer) {
			return answer.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
		}
	};

	private static final Pattern CHOICE_PATTERN = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])([A-E1-9])(?![\\p{L}\\p{N}])");

	private static final Pattern NUMBER_PATTERN = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final JsonMapper SORTED = JsonMapper.builder()
		.enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	/** The comparable form of an answer; "" when nothing comparable was found (never agrees). */
	public abstract String normalize(String answer);

}
