package dev.orchestration.actuate.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewAdministration;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewVerdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/llm-reviews}: the answers waiting for human review, one review by id,
 * and resolved reviews exported as labelled evaluation cases ({@code ?state=eval-cases}).
 * Prompts appear only when they were stored ({@code llm.review.include-prompt=true}).
 * Read-only by default: resolving a review ({@code POST /actuator/llm-reviews/{id}} with
 * a verdict) needs {@code management.endpoint.llmreviews.access=unrestricted},
 * independently of {@code llmroutes}.
 */
@Endpoint(id = LlmReviewsEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class LlmReviewsEndpoint {

	/** Endpoint id; served at {@code /actuator/llm-reviews} through a path mapper. */
	public static final String ID = "llmreviews";

	private static final int LIMIT = 1_000;

	private final ReviewAdministration reviews;

	public LlmReviewsEndpoint(ReviewAdministration reviews) {
		this.reviews = reviews;
	}

	/**
	 * Open reviews (default), resolved ones ({@code state=resolved}), or the resolved
	 * ones as evaluation cases ({@code state=eval-cases}), oldest first, at most 1,000.
	 */
	@ReadOperation
	public WebEndpointResponse<Object> reviews(@Nullable String state) {
		String wanted = (state != null) ? state.toLowerCase(Locale.ROOT) : "open";
		return switch (wanted) {
			case "open" -> ok(ReviewsDescriptor.of("open", this.reviews.open(LIMIT)));
			case "resolved" -> ok(ReviewsDescriptor.of("resolved", this.reviews.resolved(LIMIT)));
			case "eval-cases" -> ok(this.reviews.export(LIMIT));
			default -> new WebEndpointResponse<>(
					Map.of("error", "unknown state '" + state + "'; use open, resolved or eval-cases"), 400);
		};
	}

	@ReadOperation
	public WebEndpointResponse<Object> review(@Selector String id) {
		return this.reviews.find(id)
			.<WebEndpointResponse<Object>>map(LlmReviewsEndpoint::ok)
			.orElseGet(() -> notFound(id));
	}

	/**
	 * Resolves an open review: {@code verdict} approved, rejected or corrected (then with
	 * {@code correctedAnswer}), an optional {@code note} and {@code reviewer}. The first
	 * resolution wins: a second one answers 409.
	 */
	@WriteOperation
	public WebEndpointResponse<Object> resolve(@Selector String id, String verdict, @Nullable String correctedAnswer,
			@Nullable String note, @Nullable String reviewer) {
		ReviewVerdict parsed;
		try {
			parsed = ReviewVerdict.valueOf(verdict.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(
					Map.of("error", "unknown verdict '" + verdict + "'; use approved, rejected or corrected"), 400);
		}
		ReviewQueue.Resolution result;
		try {
			result = this.reviews.resolve(id, parsed, correctedAnswer, note, reviewer);
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), 400);
		}
		catch (IllegalStateException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), 503);
		}
		return switch (result.result()) {
			case RESOLVED -> ok(result.review());
			case NOT_FOUND -> notFound(id);
			case ALREADY_RESOLVED -> new WebEndpointResponse<>(result.review(), 409);
		};
	}

	private static WebEndpointResponse<Object> ok(@Nullable Object body) {
		return new WebEndpointResponse<>(body, 200);
	}

	private static WebEndpointResponse<Object> notFound(String id) {
		return new WebEndpointResponse<>(Map.of("error", "no review '" + id + "'"), 404);
	}

	/**
	 * Reviews in one state.
	 *
	 * @param state open or resolved
	 * @param count how many
	 * @param reviews the reviews, oldest first
	 */
	public record ReviewsDescriptor(String state, int count, List<Review> reviews) {

		static ReviewsDescriptor of(String state, List<Review> reviews) {
			return new ReviewsDescriptor(state, reviews.size(), reviews);
		}

	}

}
