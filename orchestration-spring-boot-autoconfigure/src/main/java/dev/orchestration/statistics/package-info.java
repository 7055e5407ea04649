/**
 * Live statistics of the members (calls, errors, latency percentiles, cost), kept from
 * every routing decision, and the live tier conditions that cost- and latency-aware
 * routing reads from them. The endpoint, the dashboard and shadow traffic read them too;
 * nothing here depends on the management surface.
 */
@NullMarked
package dev.orchestration.statistics;

import org.jspecify.annotations.NullMarked;
