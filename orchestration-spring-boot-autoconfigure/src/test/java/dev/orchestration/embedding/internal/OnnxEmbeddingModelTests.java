package dev.orchestration.embedding.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the real quantized ONNX model (offline, from the classpath).
 */
class OnnxEmbeddingModelTests {

	private static final OnnxEmbeddingModel MODEL = new OnnxEmbeddingModel();

	@Test
	void producesNormalisedVectorsOf384Dimensions() {
		float[] vector = MODEL.embed("How do I reset my password?");
		assertThat(vector).hasSize(384);
		assertThat(MODEL.dimensions()).isEqualTo(384);
		assertThat(norm(vector)).isCloseTo(1.0, within(1e-3));
	}

	@Test
	void similarSentencesAreCloserThanUnrelatedOnes() {
		float[] question = MODEL.embed("How do I reset my password?");
		float[] paraphrase = MODEL.embed("What are the steps to change my forgotten password?");
		float[] unrelated = MODEL.embed("The best season to visit Japan is spring.");
		double similar = dot(question, paraphrase);
		double different = dot(question, unrelated);
		assertThat(similar).isGreaterThan(different + 0.3);
		assertThat(dot(question, MODEL.embed("How do I reset my password?"))).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void batchEqualsSingle() {
		List<String> texts = List.of("What is the capital of France?", "Which city is the capital of France?",
				"How many legs does a spider have?");
		List<float[]> batch = MODEL.embed(texts);
		assertThat(batch).hasSize(3);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(batch.get(i)).containsExactly(MODEL.embed(texts.get(i)), within(1e-6f));
		}
	}

	@Test
	void callReportsModelAndKeepsOrder() {
		EmbeddingResponse response = MODEL
			.call(new EmbeddingRequest(List.of("first text", "second text"), EmbeddingOptions.builder().build()));
		assertThat(response.getResults()).hasSize(2);
		assertThat(response.getResults().get(1).getIndex()).isEqualTo(1);
		assertThat(response.getResults().get(1).getOutput()).containsExactly(MODEL.embed("second text"), within(1e-6f));
		assertThat(response.getMetadata().getModel()).isEqualTo(OnnxEmbeddingModel.MODEL_NAME);
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(MODEL.embed(new Document("second text"))).containsExactly(MODEL.embed("second text"), within(1e-6f));
	}

	@Test
	void rejectsBlankTextsAndOtherDimensions() {
		assertThatIllegalArgumentException().isThrownBy(() -> MODEL.embed(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> MODEL
			.call(new EmbeddingRequest(List.of("text"), EmbeddingOptions.builder().dimensions(1536).build())));
	}

	@Test
	void concurrentCallsGiveTheSameVectors() throws Exception {
		float[] expected = MODEL.embed("Is it safe to embed from many threads?");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<float[]>> futures = pool.invokeAll(
					java.util.Collections.nCopies(16, () -> MODEL.embed("Is it safe to embed from many threads?")));
			for (Future<float[]> future : futures) {
				assertThat(future.get()).containsExactly(expected, within(1e-6f));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void runsOnTheCallersThreadWhenAsked() {
		OnnxEmbeddingModel sameThread = new OnnxEmbeddingModel(Runnable::run);
		assertThat(sameThread.embed(List.of("one", "two")).get(1)).containsExactly(MODEL.embed("two"), within(1e-6f));
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
