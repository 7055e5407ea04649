package dev.orchestration.test.eval;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

class GradersTests {

	private static Served text(String answer) {
		return Served.of(Responses.plain(answer));
	}

	@Test
	void exactComparesTrimmedTextWithCollapsedWhitespace() {
		EvalCase c = EvalCase.of("1", "q", null, "Paris");
		assertThat(Grader.exact().grade(c, text("  Paris \n")).passed()).isTrue();
		assertThat(Grader.exact().grade(c, text("paris")).passed()).isFalse();
		assertThat(Grader.exactIgnoringCase().grade(c, text("paris")).passed()).isTrue();
		assertThat(Grader.exact().grade(EvalCase.of("2", "q"), text("Paris")).detail()).contains("no expected answer");
	}

	@Test
	void regexFindsAPatternGivenOrFromTheExpectedAnswer() {
		EvalCase c = EvalCase.of("1", "q", null, "(?i)answer:\\s*B\\b");
		assertThat(Grader.regex("\\bB\\)").grade(c, text("I pick B) two")).passed()).isTrue();
		assertThat(Grader.regexFromExpected().grade(c, text("... Answer: b")).passed()).isTrue();
		assertThat(Grader.regexFromExpected().grade(c, text("Answer: C")).passed()).isFalse();
	}

	@Test
	void numericComparesTheLastNumberGsm8kStyle() {
		EvalCase c = EvalCase.of("1", "q", null, "#### 1,250");
		assertThat(Grader.numeric().grade(c, text("16 - 3 = 13 ... so she makes $1,250.")).passed()).isTrue();
		assertThat(Grader.numeric().grade(c, text("1250.00")).passed()).isTrue();
		assertThat(Grader.numeric().grade(c, text("The answer is 1250, not 12")).passed()).isFalse();
		assertThat(Grader.numeric().grade(c, text("no idea")).detail()).contains("no number");
		assertThat(Grader.numeric().grade(EvalCase.of("2", "q", null, "-3"), text("x = -3")).passed()).isTrue();
		assertThat(Grader.numeric(0.01).grade(EvalCase.of("3", "q", null, "0.333"), text("1/3 = 0.3333")).passed())
			.isTrue();
		assertThat(NumericGrader.lastNumber("#### 18")).isEqualByComparingTo("18");
	}

	@Test
	void jsonSchemaValidatesTheAnswerWithFencesStripped() {
		Grader grader = Grader.jsonSchema("""
				{"type":"object","required":["city","temp"],
				 "properties":{"city":{"type":"string"},"temp":{"type":"number"}}}""");
		EvalCase c = EvalCase.of("1", "q");
		assertThat(grader.grade(c, text("```json\n{\"city\":\"Paris\",\"temp\":21.5}\n```")).passed()).isTrue();
		Grade missing = grader.grade(c, text("{\"city\":\"Paris\"}"));
		assertThat(missing.passed()).isFalse();
		assertThat(missing.detail()).contains("temp");
		assertThat(grader.grade(c, text("Paris, 21 degrees")).detail()).startsWith("not JSON");
	}

	@Test
	void judgeFunctionScoresAndThresholds() {
		Grader grader = Grader.judge((c, answer) -> answer.contains("because") ? 8.0 : 3.0, 7);
		Grade good = grader.grade(EvalCase.of("1", "q"), text("yes, because ..."));
		assertThat(good.passed()).isTrue();
		assertThat(good.score()).isEqualTo(8.0);
		Grade bad = grader.grade(EvalCase.of("1", "q"), text("yes"));
		assertThat(bad.passed()).isFalse();
		assertThat(bad.score()).isEqualTo(3.0);
	}

	@Test
	void judgeChatClientReadsTheFirstNumberOfTheJudgesReply() {
		List<String> prompts = new java.util.ArrayList<>();
		ChatModel judgeModel = new ChatModel() {
			@Override
			public ChatResponse call(Prompt prompt) {
				prompts.add(prompt.getUserMessage().getText());
				return Responses.plain("Score: 9 out of 10");
			}
		};
		Grader grader = Grader.judge(ChatClient.create(judgeModel), 8);
		Grade grade = grader.grade(EvalCase.of("1", "What is 2+2?", null, "4"), text("4"));
		assertThat(grade.passed()).isTrue();
		assertThat(grade.score()).isEqualTo(9.0);
		assertThat(prompts.get(0)).contains("What is 2+2?").contains("[Reference answer]\n4");
	}

	@Test
	void recordedCorrectnessIsReadForTheModelThatServed() {
		EvalCase c = EvalCase.of("1", "q").withRecorded("gpt-4", 1.0, 0.01).withRecorded("mistral-7b", 0.0, 0.0001);
		assertThat(Grader.recorded().grade(c, Served.of(Responses.routed("x", "large", "gpt-4", 0.01))).passed())
			.isTrue();
		assertThat(Grader.recorded().grade(c, Served.of(Responses.routed("x", "small", "mistral-7b", 0.0))).passed())
			.isFalse();
		assertThat(Grader.recorded().grade(c, Served.of(Responses.routed("x", "mid", "unknown", 0.0))).detail())
			.contains("no recorded outcome for model unknown");
		// a cascaded response: the served step's model (the routing receipt of the served
		// answer)
		assertThat(Grader.recorded().grade(c, Served.of(Responses.escalated("x", "gpt-4", 0.02))).passed()).isTrue();
		// a tier name works as the key too (policies without model names)
		EvalCase byTier = EvalCase.of("2", "q").withRecorded("small", 1.0, Double.NaN);
		assertThat(Grader.recorded().grade(byTier, Served.of(Responses.routed("x", "small", "m", 0))).passed())
			.isTrue();
	}

	@Test
	void recordedScoreIsReportedAsJudgeScore() {
		EvalCase c = EvalCase.of("1", "q").withRecorded("gpt-4", 9.5, Double.NaN);
		Grade grade = Grader.recordedScore(8).grade(c, Served.of(Responses.routed("x", "large", "gpt-4", 0)));
		assertThat(grade.passed()).isTrue();
		assertThat(grade.score()).isEqualTo(9.5);
	}

	@Test
	void servedReadsTierCostAndEscalationFromTheReceipts() {
		Served routed = Served.of(Responses.routed("x", "small", "m", 0.004));
		assertThat(routed.tier()).isEqualTo("small");
		assertThat(routed.cost()).isEqualTo(0.004);
		assertThat(routed.escalated()).isFalse();
		Served cascaded = Served.of(Responses.escalated("x", "gpt-4", 0.02));
		assertThat(cascaded.tier()).isEqualTo("large");
		assertThat(cascaded.cost()).as("the cascade's cost over every answer and verifier").isEqualTo(0.02);
		assertThat(cascaded.escalated()).isTrue();
		Served bare = Served.of(Responses.plain("x"));
		assertThat(bare.tier()).isNull();
		assertThat(bare.cost()).isZero();
	}

}
