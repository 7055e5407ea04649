/**
 * Auto-configuration of the cheap-first, verify, escalate cascade
 * ({@code llm.cascade.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.cascade;

import org.jspecify.annotations.NullMarked;
