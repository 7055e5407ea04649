package dev.orchestration.autoconfigure.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Task inference for requests without a task hint: an embedding classifier over example
 * utterances, then a small-model router for the ambiguous rest.
 */
@ConfigurationProperties(OrchestrationClassifierProperties.CONFIG_PREFIX)
public class OrchestrationClassifierProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.routing.classifier";

	/**
	 * Whether requests without a task hint get an inferred task.
	 */
	private boolean enabled;

	/**
	 * Classes (tasks) by name, each defined by example utterances; route them with task
	 * rules.
	 */
	private Map<String, TaskClass> classes = new LinkedHashMap<>();

	/**
	 * Similarity (0..1) the best class needs before the embedding classifier answers.
	 */
	private double confidenceFloor = 0.3;

	/**
	 * How much the best class must beat the second one.
	 */
	private double minMargin = 0.02;

	/**
	 * 0 for nearest centroid; otherwise a similarity-weighted vote of the k nearest
	 * examples.
	 */
	private int k;

	/**
	 * Bean name of the EmbeddingModel to use, or "built-in" for the in-process
	 * all-MiniLM-L6-v2.
	 */
	private String embeddingModel = "built-in";

	/**
	 * The small-model router for requests the embedding classifier is not confident
	 * about.
	 */
	private final RouterModel routerModel = new RouterModel();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, TaskClass> getClasses() {
		return this.classes;
	}

	public void setClasses(Map<String, TaskClass> classes) {
		this.classes = classes;
	}

	public double getConfidenceFloor() {
		return this.confidenceFloor;
	}

	public void setConfidenceFloor(double confidenceFloor) {
		this.confidenceFloor = confidenceFloor;
	}

	public double getMinMargin() {
		return this.minMargin;
	}

	public void setMinMargin(double minMargin) {
		this.minMargin = minMargin;
	}

	public int getK() {
		return this.k;
	}

	public void setK(int k) {
		this.k = k;
	}

	public String getEmbeddingModel() {
		return this.embeddingModel;
	}

	public void setEmbeddingModel(String embeddingModel) {
		this.embeddingModel = embeddingModel;
	}

	public RouterModel getRouterModel() {
		return this.routerModel;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationClassifierProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationClassifierProperties properties = (OrchestrationClassifierProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		checks.between("confidence-floor", properties.getConfidenceFloor(), 0, 1, "set a similarity between 0 and 1")
			.between("min-margin", properties.getMinMargin(), 0, 1, "set a similarity margin between 0 and 1")
			.atLeast("k", properties.getK(), 0, "set 0 (compare with class centroids) or more nearest examples")
			.atLeast("router-model.cache-size", properties.getRouterModel().getCacheSize(), 0,
					"set 0 (no cache) or more, e.g. 10000");
	}

	/**
	 * A class defined by example utterances.
	 */
	public static class TaskClass {

		/**
		 * Example utterances of the class.
		 */
		private List<String> examples = new ArrayList<>();

		/**
		 * A JSON file with more examples: an array of strings.
		 */
		private @Nullable Resource examplesFile;

		/**
		 * What the class is, for the small-model router.
		 */
		private @Nullable String description;

		public List<String> getExamples() {
			return this.examples;
		}

		public void setExamples(List<String> examples) {
			this.examples = examples;
		}

		public @Nullable Resource getExamplesFile() {
			return this.examplesFile;
		}

		public void setExamplesFile(@Nullable Resource examplesFile) {
			this.examplesFile = examplesFile;
		}

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
		}

	}

	/**
	 * The small-model router.
	 */
	public static class RouterModel {

		/**
		 * Tier that labels ambiguous requests; unset to leave them unlabelled.
		 */
		private @Nullable String tier;

		/**
		 * Decisions kept per normalised prompt.
		 */
		private int cacheSize = 10_000;

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

	}

}
