package dev.orchestration.autoconfigure.provider;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.provider.ProviderApi;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider endpoints the starter builds Spring AI chat models for
 * ({@code llm.providers.<id>}); tier members use them with {@code provider: <id>}.
 */
@ConfigurationProperties(OrchestrationProperties.CONFIG_PREFIX)
public class OrchestrationProviderProperties {

	/**
	 * Provider endpoints by id; a tier member uses one with "provider: <id>" instead of a
	 * ChatModel bean.
	 */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	public Map<String, Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, Provider> providers) {
		this.providers = providers;
	}

	/**
	 * One provider endpoint. The SDK client is built with retries off: the router fails
	 * over instead.
	 */
	public static class Provider {

		/**
		 * Wire API: openai, azure-openai, anthropic, or openai-compatible (vLLM, Ollama,
		 * Groq, Together, ...).
		 */
		private @Nullable ProviderApi api;

		/**
		 * Base URL; defaults to https://api.openai.com/v1 (openai) or
		 * https://api.anthropic.com (anthropic), required for azure-openai
		 * (https://<resource>.openai.azure.com) and openai-compatible.
		 */
		private @Nullable String baseUrl;

		/**
		 * API key, usually a placeholder such as ${OPENAI_API_KEY}; required except for
		 * openai-compatible servers without authentication. Never logged or shown.
		 */
		private @Nullable String apiKey;

		/**
		 * OpenAI organization id (OpenAI-Organization header).
		 */
		private @Nullable String organization;

		/**
		 * OpenAI project id (OpenAI-Project header).
		 */
		private @Nullable String project;

		/**
		 * Azure OpenAI deployment that serves every call through this provider; when
		 * unset, a member's model names the deployment.
		 */
		private @Nullable String deployment;

		/**
		 * Azure OpenAI API version, for example 2024-10-21; defaults to the SDK's latest
		 * stable version.
		 */
		private @Nullable String apiVersion;

		/**
		 * Upper bound of one HTTP call (connect, send and read); keep it below
		 * llm.resilience.time-limit.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * Connect timeout; defaults to the SDK's (one minute, bounded by the timeout).
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Extra headers sent with every request (values are never logged or shown).
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Model used when a member names none; defaults to Spring AI's default model of
		 * the API.
		 */
		private @Nullable String model;

		public @Nullable ProviderApi getApi() {
			return this.api;
		}

		public void setApi(@Nullable ProviderApi api) {
			this.api = api;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getOrganization() {
			return this.organization;
		}

		public void setOrganization(@Nullable String organization) {
			this.organization = organization;
		}

		public @Nullable String getProject() {
			return this.project;
		}

		public void setProject(@Nullable String project) {
			this.project = project;
		}

		public @Nullable String getDeployment() {
			return this.deployment;
		}

		public void setDeployment(@Nullable String deployment) {
			this.deployment = deployment;
		}

		public @Nullable String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(@Nullable String apiVersion) {
			this.apiVersion = apiVersion;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		@Override
		public String toString() {
			return "Provider[api=" + this.api + ", headers=" + this.headers.keySet() + "]";
		}

	}

}
