package dev.orchestration.classify.internal;

import java.util.List;
import java.util.Map;

import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import dev.orchestration.receipt.TaskSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingTaskClassifierTests {

	private static final OnnxEmbeddingModel ONNX = new OnnxEmbeddingModel();

	private static final Map<String, List<String>> EXAMPLES = Map.of("code",
			List.of("Write a Python function that reverses a linked list", "Fix this Java NullPointerException",
					"Implement binary search in JavaScript"),
			"math", List.of("What is 17 times 23?", "Solve for x: 2x + 3 = 11", "Compute the derivative of x^2 sin x"),
			"chit-chat", List.of("Hi, how are you today?", "Tell me something fun", "Good morning! Any plans?"));

	@Test
	void nearestCentroidLabelsRequestsItHasNotSeen() {
		EmbeddingTaskClassifier classifier = new EmbeddingTaskClassifier(ONNX, EXAMPLES, 0.2, 0.01, 0);
		assertThat(classifier.classify("Write a Go function to merge two sorted arrays")).get()
			.satisfies((c) -> assertThat(c.task()).isEqualTo("code"));
		assertThat(classifier.classify("What is the integral of 3x^2?")).get()
			.satisfies((c) -> assertThat(c.task()).isEqualTo("math"));
		assertThat(classifier.classify("Hey there, nice to meet you!")).get().satisfies((c) -> {
			assertThat(c.task()).isEqualTo("chit-chat");
			assertThat(c.source()).isEqualTo(TaskSource.EMBEDDING);
			assertThat(c.confidence()).isBetween(0.2, 1.0);
		});
	}

	@Test
	void kNearestVotingAlsoLabels() {
		EmbeddingTaskClassifier classifier = new EmbeddingTaskClassifier(ONNX, EXAMPLES, 0.5, 0.1, 3);
		assertThat(classifier.classify("Implement quicksort in Java")).get()
			.satisfies((c) -> assertThat(c.task()).isEqualTo("code"));
	}

	@Test
	void belowTheConfidenceFloorItLeavesTheRequestToTheNextLayer() {
		EmbeddingTaskClassifier strict = new EmbeddingTaskClassifier(ONNX, EXAMPLES, 0.95, 0.01, 0);
		assertThat(strict.classify("Write a Go function to merge two sorted arrays")).isEmpty();
		EmbeddingTaskClassifier needsMargin = new EmbeddingTaskClassifier(ONNX, EXAMPLES, 0.0, 0.9, 0);
		assertThat(needsMargin.classify("Write a Go function to merge two sorted arrays")).isEmpty();
	}

}
