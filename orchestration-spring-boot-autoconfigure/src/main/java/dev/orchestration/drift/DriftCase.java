package dev.orchestration.drift;

import org.jspecify.annotations.Nullable;

/**
 * One prompt of a drift check's evaluation set.
 *
 * @param id a stable identifier
 * @param prompt the user message sent
 * @param expected the reference answer the grader compares with, or {@code null}
 */
public record DriftCase(String id, String prompt, @Nullable String expected) {
}
