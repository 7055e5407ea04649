/**
 * Safe change while traffic flows: canary ramps with guards and automatic roll-back, and
 * their administration.
 */
@NullMarked
package dev.orchestration.rollout;

import org.jspecify.annotations.NullMarked;
