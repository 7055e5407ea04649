package dev.orchestration.routing;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a class (task) needs: each tier's expected quality on it (from evaluation
 * results), the quality floor and an optional latency objective. The router picks the
 * cheapest tier that meets both.
 *
 * @param task the class
 * @param quality expected quality (0..1) per tier name
 * @param qualityFloor the quality a tier must reach
 * @param latencyObjective the observed p95 latency a tier must stay under, or
 * {@code null}
 */
public record ClassPolicy(String task, Map<String, Double> quality, double qualityFloor,
		@Nullable Duration latencyObjective) {

	public ClassPolicy {
		quality = Map.copyOf(quality);
	}

}
