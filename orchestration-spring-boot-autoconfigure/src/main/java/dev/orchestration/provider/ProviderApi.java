package dev.orchestration.provider;

/**
 * The wire API a provider endpoint speaks, which decides the Spring AI chat model built
 * for it.
 */
public enum ProviderApi {

	/** OpenAI's Chat Completions API at api.openai.com (or a base URL given). */
	OPENAI,

	/**
	 * Azure OpenAI (Microsoft Foundry): deployments, an API version and an
	 * {@code api-key} header.
	 */
	AZURE_OPENAI,

	/** Anthropic's Messages API. */
	ANTHROPIC,

	/**
	 * Any server that speaks OpenAI's Chat Completions API: vLLM, Ollama, Groq, Together,
	 * LiteLLM, ...
	 */
	OPENAI_COMPATIBLE;

	/** Whether calls go through Spring AI's {@code OpenAiChatModel}. */
	public boolean openAiWire() {
		return this != ANTHROPIC;
	}

	/** The name used in configuration, for example {@code azure-openai}. */
	public String configName() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
