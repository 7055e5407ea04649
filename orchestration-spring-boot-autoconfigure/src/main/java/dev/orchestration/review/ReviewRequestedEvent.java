package dev.orchestration.review;

import dev.orchestration.cascade.ReviewTicket;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an answer is handed to human review, whether or not the queue took it.
 * Listeners run on the request's thread (an exception they throw is logged, never reaches
 * the caller): notify asynchronously.
 */
public class ReviewRequestedEvent extends ApplicationEvent {

	private final ReviewRequest request;

	private final ReviewTicket.Status status;

	public ReviewRequestedEvent(Object source, ReviewRequest request, ReviewTicket.Status status) {
		super(source);
		this.request = request;
		this.status = status;
	}

	public ReviewRequest getRequest() {
		return this.request;
	}

	/**
	 * Where the review went: queued, held locally while the shared queue is unavailable,
	 * or dropped.
	 */
	public ReviewTicket.Status getStatus() {
		return this.status;
	}

}
