/**
 * The semantic cache's index on a Spring AI {@code VectorStore} (Redis Stack, pgvector,
 * Qdrant...).
 */
@NullMarked
package dev.orchestration.cache.vectorstore;

import org.jspecify.annotations.NullMarked;
