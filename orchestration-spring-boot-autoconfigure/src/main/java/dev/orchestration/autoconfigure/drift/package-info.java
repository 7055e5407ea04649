/**
 * Auto-configuration of drift detection ({@code llm.drift.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.drift;

import org.jspecify.annotations.NullMarked;
