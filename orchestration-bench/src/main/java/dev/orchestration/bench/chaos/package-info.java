/**
 * The chaos, soak and bad-input harness: starts the sample app as child processes on
 * loopback ports (and its own Redis), drives them over HTTP with a seeded workload while
 * injecting faults, and checks the stated invariants (docs/reliability.md).
 */
@NullMarked
package dev.orchestration.bench.chaos;

import org.jspecify.annotations.NullMarked;
