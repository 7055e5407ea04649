/**
 * Auto-configuration of the provider endpoints declared under {@code llm.providers}, and
 * the start-up check of chat-model retries.
 */
@NullMarked
package dev.orchestration.autoconfigure.provider;

import org.jspecify.annotations.NullMarked;
