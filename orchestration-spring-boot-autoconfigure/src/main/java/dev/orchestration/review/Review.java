package dev.orchestration.review;

import org.jspecify.annotations.Nullable;

/**
 * A review request and, once a reviewer decided, its resolution.
 *
 * @param request what was handed over
 * @param resolution the reviewer's decision, or {@code null} while the review is open
 */
public record Review(ReviewRequest request, @Nullable ReviewResolution resolution) {

	public String id() {
		return this.request.id();
	}

	public boolean isOpen() {
		return this.resolution == null;
	}

}
