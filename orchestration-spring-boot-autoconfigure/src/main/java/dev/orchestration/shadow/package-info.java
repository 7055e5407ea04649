/**
 * Shadow traffic: a share of live requests is also sent, asynchronously and within a
 * daily cost bound, to a candidate routing policy, and the two answers are compared
 * (agreement, cost, latency, judge score) without the caller ever waiting for or
 * depending on the candidate.
 */
@NullMarked
package dev.orchestration.shadow;

import org.jspecify.annotations.NullMarked;
