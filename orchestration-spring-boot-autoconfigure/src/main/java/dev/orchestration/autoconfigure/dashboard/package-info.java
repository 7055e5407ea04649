/**
 * Auto-configuration of the {@code llm-dashboard} page.
 */
@NullMarked
package dev.orchestration.autoconfigure.dashboard;

import org.jspecify.annotations.NullMarked;
