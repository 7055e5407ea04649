package dev.orchestration.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each built-in model embeds offline from its jar and reproduces its reference vectors.
 * <p>
 * The reference vectors in {@code embedding/reference-vectors.tsv} were computed once
 * with this class's {@link #main} (run it to regenerate after a deliberate change) and
 * are checked within {@value #TOLERANCE} per component. As an independent check of
 * tokenization and pooling, each vector is also compared with the one langchain4j's own
 * class for the same model computes (its own pooling code: CLS for BGE, mean for MiniLM
 * and E5), given the same prefixed text.
 */
class BuiltInEmbeddingModelTests {

	static final List<String> SENTENCES = List.of("This is an example sentence", "Each sentence is converted",
			"how much protein should a female eat");

	private static final float TOLERANCE = 1e-4f;

	private static final String RESOURCE = "embedding/reference-vectors.tsv";

	@ParameterizedTest
	@EnumSource(BuiltInEmbeddingModel.class)
	void embedsOfflineAndMatchesItsReferenceVectors(BuiltInEmbeddingModel builtIn) throws IOException {
		assertThat(builtIn.isAvailable()).isTrue();
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(builtIn, Runnable::run);
		Map<String, float[]> references = references().get(builtIn.id());
		assertThat(references).as("reference vectors of " + builtIn.id()).hasSize(SENTENCES.size());
		for (String sentence : SENTENCES) {
			float[] vector = model.embed(sentence);
			assertThat(vector).hasSize(384);
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
			assertThat(vector).as(sentence).containsExactly(references.get(sentence), within(TOLERANCE));
		}
	}

	@ParameterizedTest
	@EnumSource(BuiltInEmbeddingModel.class)
	void poolingAgreesWithLangchain4jsImplementationOfTheSameModel(BuiltInEmbeddingModel builtIn) {
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(builtIn, Runnable::run);
		dev.langchain4j.model.embedding.EmbeddingModel reference = switch (builtIn) {
			case ALL_MINILM_L6_V2 -> new AllMiniLmL6V2QuantizedEmbeddingModel();
			case BGE_SMALL_EN_V15 -> new BgeSmallEnV15QuantizedEmbeddingModel();
			case E5_SMALL_V2 -> new E5SmallV2QuantizedEmbeddingModel();
		};
		for (String sentence : SENTENCES) {
			float[] expected = reference.embed(builtIn.similarityPrefix() + sentence).content().vector();
			assertThat(model.embed(sentence)).as(sentence).containsExactly(expected, within(1e-4f));
		}
	}

	@ParameterizedTest
	@EnumSource(BuiltInEmbeddingModel.class)
	void usesEachModelsOwnPrefixes(BuiltInEmbeddingModel builtIn) {
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(builtIn, Runnable::run);
		OnnxEmbeddingModel plain = new OnnxEmbeddingModel(builtIn, Runnable::run);
		String text = "how much protein should a female eat";
		float[] similarity = model.embed(text);
		float[] passage = model.embed(new Document(text));
		float[] query = model.embedQuery(text);
		switch (builtIn) {
			case ALL_MINILM_L6_V2 -> {
				assertThat(passage).containsExactly(similarity, within(1e-6f));
				assertThat(query).containsExactly(similarity, within(1e-6f));
			}
			case BGE_SMALL_EN_V15 -> {
				assertThat(passage).containsExactly(similarity, within(1e-6f));
				assertThat(dot(query, similarity)).isLessThan(0.99);
				assertThat(query).containsExactly(
						plain.embed("Represent this sentence for searching relevant passages: " + text), within(1e-6f));
			}
			case E5_SMALL_V2 -> {
				assertThat(query).containsExactly(similarity, within(1e-6f));
				assertThat(dot(passage, similarity)).isLessThan(0.99);
			}
		}
		assertThat(model.fits("word ".repeat(builtIn.maxTokens() - 2 - prefixTokens(builtIn)).strip())).isTrue();
		assertThat(model.fits("word ".repeat(builtIn.maxTokens()))).isFalse();
	}

	private static int prefixTokens(BuiltInEmbeddingModel model) {
		return switch (model) {
			case E5_SMALL_V2 -> 2; // "query", ":"
			default -> 0;
		};
	}

	static Map<String, Map<String, float[]>> references() throws IOException {
		Map<String, Map<String, float[]>> references = new LinkedHashMap<>();
		try (InputStream in = BuiltInEmbeddingModelTests.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			assertThat(in).as(RESOURCE).isNotNull();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = line.split("\t");
				String[] values = fields[2].split(",");
				float[] vector = new float[values.length];
				for (int i = 0; i < values.length; i++) {
					vector[i] = Float.parseFloat(values[i]);
				}
				references.computeIfAbsent(fields[0], (key) -> new LinkedHashMap<>()).put(fields[1], vector);
			}
		}
		return references;
	}

	/** Regenerates the reference vectors (run from the module directory). */
	public static void main(String[] args) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("# model<TAB>sentence<TAB>vector; computed once by BuiltInEmbeddingModelTests.main");
		for (BuiltInEmbeddingModel builtIn : BuiltInEmbeddingModel.values()) {
			OnnxEmbeddingModel model = new OnnxEmbeddingModel(builtIn, Runnable::run);
			for (String sentence : SENTENCES) {
				StringBuilder line = new StringBuilder(builtIn.id()).append('\t').append(sentence).append('\t');
				float[] vector = model.embed(sentence);
				for (int i = 0; i < vector.length; i++) {
					line.append((i > 0) ? "," : "").append(String.format(Locale.ROOT, "%.7f", vector[i]));
				}
				lines.add(line.toString());
			}
		}
		Files.write(Path.of("src/test/resources/" + RESOURCE), lines);
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static double norm(float[] a) {
		return Math.sqrt(dot(a, a));
	}

}
