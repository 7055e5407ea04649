/**
 * The {@code replay} bench: RouterBench prompts through a real {@code RoutingChatClient},
 * with the provider simulator replaying every model's recorded answer and cost, graded
 * with the recorded correctness.
 */
@NullMarked
package dev.orchestration.bench.replay;

import org.jspecify.annotations.NullMarked;
