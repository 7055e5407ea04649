/**
 * In-process embedding models that run offline (ONNX), used by default by the semantic
 * cache.
 */
@NullMarked
package dev.orchestration.embedding;

import org.jspecify.annotations.NullMarked;
