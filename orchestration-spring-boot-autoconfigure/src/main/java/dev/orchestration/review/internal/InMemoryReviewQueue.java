package dev.orchestration.review.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewRequest;
import dev.orchestration.review.ReviewResolution;

/**
 * Reviews in this instance's memory, bounded: it keeps the newest {@code capacity}
 * reviews, open or resolved; when full the oldest one is dropped (and counted as
 * {@code llm.review.evicted}). Lost on restart.
 */
public class InMemoryReviewQueue implements ReviewQueue {

	private final int capacity;

	private final ReviewMetrics metrics;

	private final Map<String, Review> reviews = new LinkedHashMap<>();

	public InMemoryReviewQueue(int capacity, ReviewMetrics metrics) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
		}
		this.capacity = capacity;
		this.metrics = metrics;
	}

	@Override
	public ReviewTicket.Status submit(ReviewRequest request) {
		int evicted = 0;
		synchronized (this.reviews) {
			Iterator<String> oldest = this.reviews.keySet().iterator();
			while (this.reviews.size() >= this.capacity && oldest.hasNext()) {
				oldest.next();
				oldest.remove();
				evicted++;
			}
			this.reviews.put(request.id(), new Review(request, null));
		}
		if (evicted > 0) {
			this.metrics.evicted("memory", evicted);
		}
		return ReviewTicket.Status.QUEUED;
	}

	@Override
	public List<Review> open(int limit) {
		synchronized (this.reviews) {
			return this.reviews.values().stream().filter(Review::isOpen).limit(limit).toList();
		}
	}

	@Override
	public List<Review> resolved(int limit) {
		synchronized (this.reviews) {
			return this.reviews.values().stream().filter((r) -> !r.isOpen()).limit(limit).toList();
		}
	}

	@Override
	public Optional<Review> find(String id) {
		synchronized (this.reviews) {
			return Optional.ofNullable(this.reviews.get(id));
		}
	}

	@Override
	public Resolution resolve(String id, ReviewResolution resolution) {
		synchronized (this.reviews) {
			Review review = this.reviews.get(id);
			if (review == null) {
				return new Resolution(Resolution.Result.NOT_FOUND, null);
			}
			if (!review.isOpen()) {
				return new Resolution(Resolution.Result.ALREADY_RESOLVED, review);
			}
			Review resolved = new Review(review.request(), resolution);
			this.reviews.put(id, resolved);
			return new Resolution(Resolution.Result.RESOLVED, resolved);
		}
	}

}
