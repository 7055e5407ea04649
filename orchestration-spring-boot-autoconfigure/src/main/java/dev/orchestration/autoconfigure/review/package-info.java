/**
 * Auto-configuration of the human-review hand-off ({@code llm.review.*}), its endpoint
 * and health contributor.
 */
@NullMarked
package dev.orchestration.autoconfigure.review;

import org.jspecify.annotations.NullMarked;
