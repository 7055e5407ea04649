package dev.orchestration.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.cascade.CascadeStep;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolved reviews as labelled cases in the evaluation runner's case format
 * ({@code EvalCase} of {@code orchestration-test}: id, prompt, task, expected, recorded,
 * recordedCost, metadata), as one JSON document {@code {"name": ..., "cases": [...]}}
 * that {@code EvalCaseFile.read(path)} loads as an {@code EvalDataset}.
 * <ul>
 * <li>approved: {@code expected} is the kept answer, and the model, member and tier that
 * gave it are recorded 1.0;
 * <li>corrected: {@code expected} is the reviewer's answer, the kept answer's model
 * recorded 0.0;
 * <li>rejected: no {@code expected}, the kept answer's model recorded 0.0.
 * </ul>
 * A case needs its prompt: reviews stored without one
 * ({@code llm.review.include-prompt=false}) are skipped and counted in
 * {@code skippedWithoutPrompt}.
 */
public final class ReviewExport {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReviewExport() {
	}

	/** The labelled cases of the resolved reviews among {@code reviews}. */
	public static EvalCases evalCases(String name, List<Review> reviews) {
		List<EvalCaseJson> cases = new ArrayList<>();
		int skipped = 0;
		for (Review review : reviews) {
			ReviewResolution resolution = review.resolution();
			if (resolution == null) {
				continue;
			}
			ReviewRequest request = review.request();
			if (request.prompt() == null) {
				skipped++;
				continue;
			}
			double label = (resolution.verdict() == ReviewVerdict.APPROVED) ? 1.0 : 0.0;
			String expected = switch (resolution.verdict()) {
				case APPROVED -> request.answer();
				case CORRECTED -> resolution.correctedAnswer();
				case REJECTED -> null;
			};
			Map<String, Double> recorded = new LinkedHashMap<>();
			Map<String, Double> cost = new LinkedHashMap<>();
			CascadeStep served = request.receipt().steps().get(request.receipt().servedStep());
			for (String who : new String[] { request.model(), request.member(), request.tier() }) {
				if (who != null) {
					recorded.putIfAbsent(who, label);
					cost.putIfAbsent(who, served.answerCost());
				}
			}
			Map<String, String> metadata = new LinkedHashMap<>();
			metadata.put("source", "review");
			metadata.put("reviewId", request.id());
			metadata.put("verdict", resolution.verdict().name().toLowerCase());
			metadata.put("reason", request.reason().id());
			metadata.put("cause", request.cause());
			putIfPresent(metadata, "answer", request.answer());
			putIfPresent(metadata, "reviewer", resolution.reviewer());
			putIfPresent(metadata, "note", resolution.note());
			cases.add(new EvalCaseJson(request.id(), request.prompt(), request.task(), expected, recorded, cost,
					metadata));
		}
		return new EvalCases(name, cases, skipped);
	}

	/** Writes the cases as JSON to a file (for {@code EvalCaseFile.read}). */
	public static void write(EvalCases cases, Path file) {
		try {
			Files.writeString(file, MAPPER.writeValueAsString(cases));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void putIfPresent(Map<String, String> metadata, String key, @Nullable String value) {
		if (value != null) {
			metadata.put(key, value);
		}
	}

	/**
	 * Labelled cases.
	 *
	 * @param name the dataset name
	 * @param cases one case per resolved review that has its prompt
	 * @param skippedWithoutPrompt resolved reviews left out because their prompt was not
	 * stored
	 */
	public record EvalCases(String name, List<EvalCaseJson> cases, int skippedWithoutPrompt) {
	}

	/** One case, field for field as the evaluation runner's {@code EvalCase}. */
	public record EvalCaseJson(String id, String prompt, @Nullable String task, @Nullable String expected,
			Map<String, Double> recorded, Map<String, Double> recordedCost, Map<String, String> metadata) {
	}

}
