/**
 * Task inference: when the caller gives no task hint, an embedding classifier (and, for
 * the ambiguous rest, a small-model router) labels the request, so task rules and task
 * cascade policies apply.
 */
@NullMarked
package dev.orchestration.classify;

import org.jspecify.annotations.NullMarked;
