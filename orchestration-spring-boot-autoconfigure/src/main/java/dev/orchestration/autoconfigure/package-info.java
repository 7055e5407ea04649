/**
 * Auto-configuration of the orchestration starter from {@code llm.*} properties.
 */
@NullMarked
package dev.orchestration.autoconfigure;

import org.jspecify.annotations.NullMarked;
