/**
 * The semantic layer of the cache: a scoped nearest-neighbour index over normalised
 * embeddings, its default threshold, and optional verification of candidate hits.
 */
@NullMarked
package dev.orchestration.cache.semantic;

import org.jspecify.annotations.NullMarked;
