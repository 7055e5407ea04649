/**
 * Drift detection: scheduled evaluations of a tier against a baseline score (taking a
 * drifted tier out of class policies until it passes again), and passive drift of each
 * member's judge score, escalation rate and validator failure rate against its own
 * baseline.
 */
@NullMarked
package dev.orchestration.drift;

import org.jspecify.annotations.NullMarked;
