/**
 * Cheap first, verify, escalate: verifiers judge a tier's final answer and, below
 * threshold, the request is asked again with the next tier forced, within a bounded
 * number of steps and a cost ceiling.
 */
@NullMarked
package dev.orchestration.cascade;

import org.jspecify.annotations.NullMarked;
