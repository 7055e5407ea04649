package dev.orchestration.receipt;

/**
 * The routing decision for a request: which tier was chosen first, by which layer and
 * why.
 *
 * @param tier the tier chosen before any failover
 * @param layer the layer that chose it
 * @param reason a human-readable reason, for example
 * {@code rule[0] max-input-tokens<=128}
 */
public record Route(String tier, RouteLayer layer, String reason) {
}
