/**
 * Offline benchmarks of the starter, run as subcommands of one executable jar.
 */
@NullMarked
package dev.orchestration.bench;

import org.jspecify.annotations.NullMarked;
