package dev.orchestration.test.eval;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.ai.chat.client.ChatClient;

/**
 * A judge: a function (a judge model, a heuristic, a human label lookup) scores the
 * answer; the grade passes when the score is at least the threshold, and the score is
 * reported as the case's judge score.
 */
final class JudgeGrader implements Grader {

	static final String PROMPT = """
			You are grading an AI assistant's answer. Rate its helpfulness, relevance, accuracy and level of detail \
			on a scale of 1 to 10. Reply with the number only.

			[Question]
			%s

			[Reference answer]
			%s

			[Assistant's answer]
			%s
			""";

	private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

	private final BiFunction<EvalCase, String, Double> scorer;

	private final double threshold;

	JudgeGrader(BiFunction<EvalCase, String, Double> scorer, double threshold) {
		this.scorer = scorer;
		this.threshold = threshold;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		Double score = this.scorer.apply(evalCase, served.text());
		if (score == null || score.isNaN()) {
			return Grade.fail("the judge gave no score");
		}
		return Grade.scored(score, this.threshold, "judge score " + score + " (threshold " + this.threshold + ")");
	}

	/**
	 * A scorer that asks a judge model for a 1-10 score and reads the first number of its
	 * reply (NaN if none).
	 */
	public static BiFunction<EvalCase, String, Double> chatClientScorer(ChatClient judge) {
		return (evalCase, answer) -> {
			String reply = judge.prompt()
				.user(String.format(PROMPT, evalCase.prompt(),
						(evalCase.expected() != null) ? evalCase.expected() : "(none)", answer))
				.call()
				.content();
			return parseScore(reply);
		};
	}

	static double parseScore(String reply) {
		if (reply == null) {
			return Double.NaN;
		}
		Matcher m = NUMBER.matcher(reply);
		return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
	}

}
