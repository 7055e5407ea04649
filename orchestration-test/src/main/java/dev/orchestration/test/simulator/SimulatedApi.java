package dev.orchestration.test.simulator;

/**
 * The provider wire protocol a simulated request arrived on.
 */
public enum SimulatedApi {

	/** OpenAI Chat Completions ({@code /v1/chat/completions}). */
	OPENAI,

	/** Anthropic Messages ({@code /v1/messages}). */
	ANTHROPIC

}
