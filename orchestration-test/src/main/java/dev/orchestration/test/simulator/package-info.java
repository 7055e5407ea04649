/**
 * In-process provider simulator speaking the OpenAI Chat Completions and Anthropic
 * Messages APIs over real HTTP, with scripted answers, faults, a request log and
 * RouterBench replay.
 */
@NullMarked
package dev.orchestration.test.simulator;

import org.jspecify.annotations.NullMarked;
