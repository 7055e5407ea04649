package dev.orchestration.review;

import org.springframework.context.ApplicationEvent;

/**
 * Published on the instance that resolved a review, after the queue recorded the
 * resolution.
 */
public class ReviewResolvedEvent extends ApplicationEvent {

	private final Review review;

	public ReviewResolvedEvent(Object source, Review review) {
		super(source);
		this.review = review;
	}

	/** The review with its resolution. */
	public Review getReview() {
		return this.review;
	}

}
