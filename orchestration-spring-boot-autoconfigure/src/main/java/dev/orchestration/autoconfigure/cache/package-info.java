/**
 * Auto-configuration of the exact and semantic caches ({@code llm.cache.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
