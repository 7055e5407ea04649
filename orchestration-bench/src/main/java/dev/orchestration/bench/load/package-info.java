/**
 * The loopback HTTP load command ({@code load}): a web app with a plain and a routed
 * endpoint in front of a fast OpenAI-compatible stub, and a load generator in the same
 * process.
 */
@NullMarked
package dev.orchestration.bench.load;

import org.jspecify.annotations.NullMarked;
