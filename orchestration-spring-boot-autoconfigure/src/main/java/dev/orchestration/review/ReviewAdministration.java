package dev.orchestration.review;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.orchestration.review.internal.ReviewMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * What reviewers and the {@code llmreviews} endpoint do with the queue: list, resolve
 * (publishing a {@link ReviewResolvedEvent}) and export resolved reviews as labelled
 * evaluation cases.
 */
public class ReviewAdministration {

	private static final Log logger = LogFactory.getLog(ReviewAdministration.class);

	private final ReviewQueue queue;

	private final ApplicationEventPublisher events;

	private final ReviewMetrics metrics;

	private final Clock clock;

	public ReviewAdministration(ReviewQueue queue, ApplicationEventPublisher events, ReviewMetrics metrics,
			Clock clock) {
		this.queue = queue;
		this.events = events;
		this.metrics = metrics;
		this.clock = clock;
	}

	public List<Review> open(int limit) {
		return this.queue.open(limit);
	}

	public List<Review> resolved(int limit) {
		return this.queue.resolved(limit);
	}

	public Optional<Review> find(String id) {
		return this.queue.find(id);
	}

	/**
	 * Resolves an open review.
	 * @throws IllegalArgumentException for a corrected verdict without the corrected
	 * answer
	 */
	public ReviewQueue.Resolution resolve(String id, ReviewVerdict verdict, @Nullable String correctedAnswer,
			@Nullable String note, @Nullable String reviewer) {
		ReviewResolution resolution = new ReviewResolution(verdict, correctedAnswer, note, reviewer,
				this.clock.instant());
		ReviewQueue.Resolution result = this.queue.resolve(id, resolution);
		if (result.result() == ReviewQueue.Resolution.Result.RESOLVED && result.review() != null) {
			this.metrics.resolved(verdict);
			try {
				this.events.publishEvent(new ReviewResolvedEvent(this, result.review()));
			}
			catch (RuntimeException ex) {
				logger.warn("A ReviewResolvedEvent listener failed: " + ex);
			}
		}
		return result;
	}

	/** The resolved reviews (at most {@code limit}) as labelled evaluation cases. */
	public ReviewExport.EvalCases export(int limit) {
		return ReviewExport.evalCases("reviews", this.queue.resolved(limit));
	}

}
