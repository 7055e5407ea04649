package dev.orchestration.review;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A reviewer's decision on a review.
 *
 * @param verdict approved, rejected or corrected
 * @param correctedAnswer the right answer, for {@link ReviewVerdict#CORRECTED}
 * @param note the reviewer's note, or {@code null}
 * @param reviewer who reviewed, or {@code null}
 * @param resolvedAt when
 */
public record ReviewResolution(ReviewVerdict verdict, @Nullable String correctedAnswer, @Nullable String note,
		@Nullable String reviewer, Instant resolvedAt) {

	public ReviewResolution {
		if (verdict == ReviewVerdict.CORRECTED && (correctedAnswer == null || correctedAnswer.isBlank())) {
			throw new IllegalArgumentException("A corrected verdict needs the corrected answer");
		}
	}

}
