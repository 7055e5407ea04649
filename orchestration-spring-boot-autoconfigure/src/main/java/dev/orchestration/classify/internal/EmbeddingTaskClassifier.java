package dev.orchestration.classify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.orchestration.classify.TaskClassification;
import dev.orchestration.classify.TaskClassifier;
import dev.orchestration.receipt.TaskSource;

import org.springframework.ai.embedding.EmbeddingModel;

/**
 * Classifies a request by the similarity of its embedding to example utterances of each
 * class: nearest centroid (k = 0) or a similarity-weighted vote of the k nearest
 * examples. Answers only above a confidence floor and with a margin over the second
 * class; the rest is left to the next layer.
 */
public class EmbeddingTaskClassifier implements TaskClassifier {

	private final EmbeddingModel embeddingModel;

	private final double confidenceFloor;

	private final double minMargin;

	private final int k;

	private final Map<String, float[]> centroids = new LinkedHashMap<>();

	private final List<Example> examples = new ArrayList<>();

	public EmbeddingTaskClassifier(EmbeddingModel embeddingModel, Map<String, List<String>> examplesByClass,
			double confidenceFloor, double minMargin, int k) {
		this.embeddingModel = embeddingModel;
		this.confidenceFloor = confidenceFloor;
		this.minMargin = minMargin;
		this.k = k;
		examplesByClass.forEach((task, texts) -> {
			List<float[]> vectors = embeddingModel.embed(texts);
			vectors.forEach((vector) -> this.examples.add(new Example(task, normalize(vector))));
			this.centroids.put(task, centroid(vectors));
		});
	}

	@Override
	public Optional<TaskClassification> classify(String text) {
		if (text.isBlank() || this.centroids.isEmpty()) {
			return Optional.empty();
		}
		float[] vector = normalize(this.embeddingModel.embed(text));
		Map<String, Double> scores = (this.k > 0) ? vote(vector) : centroidScores(vector);
		String best = null;
		double top = -1;
		double second = -1;
		for (Map.Entry<String, Double> entry : scores.entrySet()) {
			if (entry.getValue() > top) {
				second = top;
				top = entry.getValue();
				best = entry.getKey();
			}
			else if (entry.getValue() > second) {
				second = entry.getValue();
			}
		}
		boolean confident = best != null && top >= this.confidenceFloor
				&& (top - Math.max(second, 0)) >= this.minMargin;
		return confident ? Optional.of(new TaskClassification(best, top, TaskSource.EMBEDDING, 0)) : Optional.empty();
	}

	/** The classes this classifier knows. */
	public List<String> classes() {
		return List.copyOf(this.centroids.keySet());
	}

	private Map<String, Double> centroidScores(float[] vector) {
		Map<String, Double> scores = new LinkedHashMap<>();
		this.centroids.forEach((task, centroid) -> scores.put(task, dot(vector, centroid)));
		return scores;
	}

	private Map<String, Double> vote(float[] vector) {
		List<double[]> nearest = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		for (Example example : this.examples) {
			double similarity = dot(vector, example.vector);
			int position = 0;
			while (position < nearest.size() && nearest.get(position)[0] >= similarity) {
				position++;
			}
			if (position < this.k) {
				nearest.add(position, new double[] { similarity });
				labels.add(position, example.task);
				if (nearest.size() > this.k) {
					nearest.remove(this.k);
					labels.remove(this.k);
				}
			}
		}
		Map<String, Double> weights = new LinkedHashMap<>();
		double total = 0;
		for (int i = 0; i < nearest.size(); i++) {
			double weight = Math.max(0, nearest.get(i)[0]);
			weights.merge(labels.get(i), weight, Double::sum);
			total += weight;
		}
		if (total > 0) {
			double sum = total;
			weights.replaceAll((task, weight) -> weight / sum);
		}
		return weights;
	}

	private static float[] centroid(List<float[]> vectors) {
		float[] sum = new float[vectors.get(0).length];
		for (float[] vector : vectors) {
			float[] unit = normalize(vector);
			for (int i = 0; i < sum.length; i++) {
				sum[i] += unit[i];
			}
		}
		return normalize(sum);
	}

	private static float[] normalize(float[] vector) {
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		norm = Math.sqrt(norm);
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = (norm > 0) ? (float) (vector[i] / norm) : 0;
		}
		return unit;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private record Example(String task, float[] vector) {
	}

}
