package dev.orchestration.shadow.internal;

import org.jspecify.annotations.Nullable;

/**
 * What the live request produced, as the shadow compares it.
 *
 * @param text the answer text
 * @param tier the tier that served it, or {@code null} when unknown
 * @param cost USD it cost (the cascade's total when it was cascaded)
 * @param latencyMillis how long it took
 * @param streamed whether it was streamed
 */
record LiveAnswer(String text, @Nullable String tier, double cost, long latencyMillis, boolean streamed) {
}
