/**
 * Auto-configuration of shadow traffic to a candidate routing policy
 * ({@code llm.shadow.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.shadow;

import org.jspecify.annotations.NullMarked;
