/**
 * Caching: exact and semantic response caches upstream of routing, scoped so that no
 * entry is served outside the tenant, conversation, system prompt, tools and response
 * format it was written for.
 */
@NullMarked
package dev.orchestration.cache;

import org.jspecify.annotations.NullMarked;
