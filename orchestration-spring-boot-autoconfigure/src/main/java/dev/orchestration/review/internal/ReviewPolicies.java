package dev.orchestration.review.internal;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The review policy of each task (keyed like the cascade's task policies), and the
 * default for the rest.
 */
public class ReviewPolicies {

	private final ReviewPolicy defaults;

	private final Map<String, ReviewPolicy> byTask;

	public ReviewPolicies(ReviewPolicy defaults, Map<String, ReviewPolicy> byTask) {
		this.defaults = defaults;
		this.byTask = byTask.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((e) -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
	}

	/** The policy of a cascade policy's task ("" for the default cascade policy). */
	public ReviewPolicy forTask(String task) {
		return this.byTask.getOrDefault(task.toLowerCase(Locale.ROOT), this.defaults);
	}

	/** Whether some task is high-risk as a whole. */
	public boolean anyHighRisk() {
		return this.defaults.highRisk() || this.byTask.values().stream().anyMatch(ReviewPolicy::highRisk);
	}

}
