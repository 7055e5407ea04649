package dev.orchestration.test.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * RouteLLM's MT-Bench data ({@code routellm/mt_bench}): 80 two-turn questions
 * ({@code question.jsonl}) and, per (question, turn, model), the GPT-4 judge score 1-10
 * of gpt-4-1106-preview and Mixtral-8x7B-Instruct-v0.1 with the answer text
 * ({@code mt_bench_answers_scores.jsonl}).
 * <p>
 * As RouteLLM does, questions marked {@code contaminated} (or whose turn appears in
 * {@code contaminated_prompts.jsonl}) are dropped: 72 questions remain. A question is
 * routed once, on its first turn; both turns are answered by the routed model, so a
 * question's quality is the mean of its two turn scores (and the benchmark score,
 * RouteLLM's mean over question-turn rows, is the mean over questions).
 *
 * @param questions the questions kept, by id
 * @param dropped ids of the contaminated questions dropped
 */
public record MtBenchData(List<Question> questions, List<Integer> dropped) {

	/** The strong model of the RouteLLM pair. */
	public static final String STRONG = "gpt-4-1106-preview";

	/** The weak model of the RouteLLM pair (as named in the file). */
	public static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";

	public MtBenchData {
		questions = List.copyOf(questions);
		dropped = List.copyOf(dropped);
	}

	/**
	 * One question.
	 *
	 * @param id {@code question_id}
	 * @param category writing, roleplay, reasoning, math, coding, extraction, stem or
	 * humanities
	 * @param turns the two user turns
	 * @param scores per model, the judge score of turn 1 and turn 2
	 * @param answers per model, the answer of turn 1 and turn 2
	 */
	public record Question(int id, String category, List<String> turns, Map<String, double[]> scores,
			Map<String, List<String>> answers) {

		/** The model's quality on this question: the mean of its two turn scores. */
		public double quality(String model) {
			double[] s = this.scores.get(model);
			if (s == null) {
				throw new IllegalArgumentException("no scores of " + model + " for question " + this.id);
			}
			return (s[0] + s[1]) / 2;
		}

	}

	/**
	 * Reads {@code question.jsonl}, {@code mt_bench_answers_scores.jsonl} and, when
	 * present, {@code contaminated_prompts.jsonl} from the folder.
	 * @param mtBenchDir the {@code routellm/mt_bench} folder
	 * @return the data without contaminated questions
	 */
	public static MtBenchData load(Path mtBenchDir) {
		return load(mtBenchDir.resolve("question.jsonl"), mtBenchDir.resolve("mt_bench_answers_scores.jsonl"),
				mtBenchDir.resolve("contaminated_prompts.jsonl"));
	}

	/**
	 * Loads the MT-Bench files from wherever they are.
	 * @param questionFile the questions ({@code question.jsonl})
	 * @param answersFile the answers and scores ({@code mt_bench_answers_scores.jsonl})
	 * @param contaminated the contaminated prompts ({@code contaminated_prompts.jsonl});
	 * skipped when absent
	 * @return the data without contaminated questions
	 */
	public static MtBenchData load(Path questionFile, Path answersFile, Path contaminated) {
		Map<Integer, JsonNode> questionNodes = new TreeMap<>();
		for (JsonNode q : jsonl(questionFile)) {
			questionNodes.put(q.path("question_id").asInt(), q);
		}
		Set<String> contaminatedPrompts = new HashSet<>();
		if (Files.isRegularFile(contaminated)) {
			for (JsonNode c : jsonl(contaminated)) {
				contaminatedPrompts.add(c.path("eval_prompt").asString("").strip());
			}
		}
		Set<Integer> drop = new HashSet<>();
		Map<Integer, Map<String, double[]>> scores = new LinkedHashMap<>();
		Map<Integer, Map<String, List<String>>> answers = new LinkedHashMap<>();
		for (JsonNode row : jsonl(answersFile)) {
			int id = row.path("question_id").asInt();
			if (row.path("contaminated").asBoolean(false)) {
				drop.add(id);
			}
			int turn = row.path("turn").asInt();
			if (turn != 1 && turn != 2) {
				throw new IllegalStateException("unexpected turn " + turn + " for question " + id);
			}
			String model = row.path("model").asString();
			scores.computeIfAbsent(id, (k) -> new LinkedHashMap<>())
				.computeIfAbsent(model, (k) -> new double[] { Double.NaN, Double.NaN })[turn - 1] = row.path("score")
					.asDouble();
			List<String> texts = answers.computeIfAbsent(id, (k) -> new LinkedHashMap<>())
				.computeIfAbsent(model, (k) -> new ArrayList<>(List.of("", "")));
			texts.set(turn - 1, row.path("answer_text").asString(""));
		}
		List<Question> kept = new ArrayList<>();
		for (Map.Entry<Integer, JsonNode> e : questionNodes.entrySet()) {
			int id = e.getKey();
			JsonNode q = e.getValue();
			List<String> turns = new ArrayList<>();
			q.path("turns").forEach((t) -> turns.add(t.asString()));
			if (turns.stream().anyMatch((t) -> contaminatedPrompts.contains(t.strip()))) {
				drop.add(id);
			}
			if (drop.contains(id)) {
				continue;
			}
			Map<String, double[]> s = scores.get(id);
			if (s == null || !s.containsKey(STRONG) || !s.containsKey(WEAK)) {
				throw new IllegalStateException("question " + id + " lacks scores of " + STRONG + " or " + WEAK);
			}
			for (Map.Entry<String, double[]> ms : s.entrySet()) {
				if (Double.isNaN(ms.getValue()[0]) || Double.isNaN(ms.getValue()[1])) {
					throw new IllegalStateException("question " + id + " lacks a turn score of " + ms.getKey());
				}
			}
			kept.add(new Question(id, q.path("category").asString(""), turns, s, answers.get(id)));
		}
		return new MtBenchData(kept, drop.stream().sorted().toList());
	}

	/** Per question, the model's quality (mean of the two turn scores). */
	public double[] quality(String model) {
		return this.questions.stream().mapToDouble((q) -> q.quality(model)).toArray();
	}

	/**
	 * RouteLLM's benchmark score of a model: the mean judge score over question-turn
	 * rows.
	 */
	public double meanScore(String model) {
		return java.util.Arrays.stream(quality(model)).average().orElse(Double.NaN);
	}

	/** First turns, the text RouteLLM routes on. */
	public List<String> firstTurns() {
		return this.questions.stream().map((q) -> q.turns().get(0)).toList();
	}

	/**
	 * The questions as eval cases: prompt = first turn, task = category, recorded = each
	 * model's mean judge score (grade with {@code Grader.recordedScore(threshold)}).
	 */
	public EvalDataset toEvalDataset() {
		List<EvalCase> cases = new ArrayList<>();
		for (Question q : this.questions) {
			EvalCase c = EvalCase.of("mt-bench-" + q.id(), q.turns().get(0), q.category(), null);
			for (String model : q.scores().keySet()) {
				c = c.withRecorded(model, q.quality(model), Double.NaN);
			}
			cases.add(c);
		}
		return new EvalDataset("mt-bench", cases);
	}

	static List<JsonNode> jsonl(Path file) {
		try {
			List<JsonNode> nodes = new ArrayList<>();
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					nodes.add(Json.MAPPER.readTree(line));
				}
			}
			return nodes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
