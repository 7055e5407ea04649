/**
 * Provider endpoints declared in configuration ({@code llm.providers.<id>}): the Spring
 * AI chat models the starter builds for them, with the SDK's own retries off, and the
 * check of other chat models' retries.
 */
@NullMarked
package dev.orchestration.provider;

import org.jspecify.annotations.NullMarked;
