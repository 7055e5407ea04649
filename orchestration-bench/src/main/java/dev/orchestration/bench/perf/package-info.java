/**
 * JMH benchmarks of the request path ({@code jmh} command): a plain {@code ChatClient}
 * and the router over a stub chat model, so that only orchestration is timed, and the
 * summary of overheads over the baseline.
 */
@NullMarked
package dev.orchestration.bench.perf;

import org.jspecify.annotations.NullMarked;
