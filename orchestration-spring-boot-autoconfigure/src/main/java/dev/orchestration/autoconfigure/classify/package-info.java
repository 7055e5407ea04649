/**
 * Auto-configuration of task inference ({@code llm.routing.classifier.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.classify;

import org.jspecify.annotations.NullMarked;
