package dev.orchestration.receipt;

import java.util.Locale;

/**
 * The task of a request, where it came from and how sure that source was.
 *
 * @param task the task, for example {@code classification}
 * @param source who set it
 * @param confidence the confidence of an inferred task (0..1); 1 for a caller's hint
 */
public record TaskSignal(String task, TaskSource source, double confidence) {

	/** A task the caller gave. */
	public static TaskSignal hint(String task) {
		return new TaskSignal(task, TaskSource.HINT, 1.0);
	}

	/** The task in lower case, as task rules and TTLs match it. */
	public String key() {
		return this.task.toLowerCase(Locale.ROOT);
	}

	/**
	 * A short description, for example
	 * {@code news inferred by embedding (confidence 0.912)}.
	 */
	public String describe() {
		return this.source.inferred() ? String.format(Locale.ROOT, "%s inferred by %s (confidence %.3f)", this.task,
				this.source.id(), this.confidence) : this.task + " (hint)";
	}

}
