package dev.orchestration.cascade;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerNormalizerTests {

	@Test
	void choiceTakesTheFirstStandAloneLetterOrDigit() {
		assertThat(AnswerNormalizer.CHOICE.normalize("(b) because it is wet")).isEqualTo("B");
		assertThat(AnswerNormalizer.CHOICE.normalize("Answer: C")).isEqualTo("C");
		assertThat(AnswerNormalizer.CHOICE.normalize("no choice here")).isEmpty();
	}

	@Test
	void numberTakesTheLastNumberInOneForm() {
		assertThat(AnswerNormalizer.NUMBER.normalize("3 apples and 4 pears make 7.0")).isEqualTo("7");
		assertThat(AnswerNormalizer.NUMBER.normalize("It costs 1,200.50 USD")).isEqualTo("1200.5");
		assertThat(AnswerNormalizer.NUMBER.normalize("none")).isEmpty();
	}

	@Test
	void labelIgnoresCasePunctuationAndAPrefix() {
		assertThat(AnswerNormalizer.LABEL.normalize("Positive.")).isEqualTo("positive");
		assertThat(AnswerNormalizer.LABEL.normalize("Label: **SPAM**\nbecause it sells pills")).isEqualTo("spam");
		assertThat(AnswerNormalizer.LABEL.normalize("\n  not-spam  ")).isEqualTo("not-spam");
		assertThat(AnswerNormalizer.LABEL.normalize("positive"))
			.isNotEqualTo(AnswerNormalizer.LABEL.normalize("negative"));
	}

	@Test
	void jsonComparesValuesNotKeyOrderSpacingFencesOrNumberSpelling() {
		String a = "{\"b\": 1.0, \"a\": \"x\"}";
		String b = "```json\n{\"a\":\"x\",\"b\":1}\n```";
		assertThat(AnswerNormalizer.JSON.normalize(a)).isEqualTo(AnswerNormalizer.JSON.normalize(b)).isNotEmpty();
		assertThat(AnswerNormalizer.JSON.normalize("{\"a\": \"y\", \"b\": 1}"))
			.isNotEqualTo(AnswerNormalizer.JSON.normalize(a));
		assertThat(AnswerNormalizer.JSON.normalize("not json {")).isEmpty();
	}

	@Test
	void jsonFieldsAreLeavesByPointer() {
		assertThat(AnswerNormalizer.JSON.fields("{\"name\": \"Ada\", \"tags\": [\"x\", \"y\"], \"age\": 36.0}"))
			.containsEntry("/name", "\"Ada\"")
			.containsEntry("/tags/0", "\"x\"")
			.containsEntry("/tags/1", "\"y\"")
			.containsKey("/age")
			.hasSize(4);
		assertThat(AnswerNormalizer.JSON.fields("[]")).containsOnlyKeys("");
		assertThat(AnswerNormalizer.JSON.fields("nope")).isEmpty();
	}

	@Test
	void otherNormalizersVoteOnOneField() {
		assertThat(AnswerNormalizer.TEXT.fields("Hello, World!"))
			.containsExactlyEntriesOf(java.util.Map.of("", "hello world"));
		assertThat(AnswerNormalizer.CHOICE.fields("no choice")).isEmpty();
	}

}
