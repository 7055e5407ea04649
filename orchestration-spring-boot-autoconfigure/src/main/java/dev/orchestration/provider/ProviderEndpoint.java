package dev.orchestration.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A provider endpoint, validated: where it is, how it authenticates and how long a call
 * may take. Its {@link #toString()} never shows the API key or header values.
 *
 * @param id the provider id ({@code llm.providers.<id>})
 * @param api the wire API
 * @param baseUrl the base URL
 * @param apiKey the API key; null for an OpenAI-compatible server without authentication
 * @param organization the OpenAI organization, or null
 * @param project the OpenAI project, or null
 * @param deployment the Azure OpenAI deployment for every call, or null (the member's
 * model names it)
 * @param apiVersion the Azure OpenAI API version, or null for the SDK's latest
 * @param timeout upper bound of one HTTP call
 * @param connectTimeout the connect timeout, or null for the SDK's default
 * @param headers extra headers sent with every request
 * @param model the model used when a member names none, or null for Spring AI's default
 */
public record ProviderEndpoint(String id, ProviderApi api, URI baseUrl, @Nullable String apiKey,
		@Nullable String organization, @Nullable String project, @Nullable String deployment,
		@Nullable String apiVersion, Duration timeout, @Nullable Duration connectTimeout, Map<String, String> headers,
		@Nullable String model) {

	public ProviderEndpoint {
		headers = Map.copyOf(headers);
	}

	/**
	 * The base URL without user information (a URL may carry credentials), for logs and
	 * messages.
	 * @return the URL safe to show
	 */
	public String displayUrl() {
		return redact(this.baseUrl);
	}

	/**
	 * A URI without its user information and query (either may carry credentials).
	 * @param uri the URI
	 * @return the URI as text, safe to show
	 */
	public static String redact(URI uri) {
		StringBuilder text = new StringBuilder();
		if (uri.getScheme() != null) {
			text.append(uri.getScheme()).append("://");
		}
		if (uri.getHost() != null) {
			text.append(uri.getHost());
		}
		if (uri.getPort() != -1) {
			text.append(':').append(uri.getPort());
		}
		if (uri.getRawPath() != null) {
			text.append(uri.getRawPath());
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return "ProviderEndpoint[id=" + this.id + ", api=" + this.api.configName() + ", baseUrl=" + displayUrl()
				+ ", apiKey=" + ((this.apiKey != null) ? "[REDACTED]" : "none") + ", headers=" + this.headers.keySet()
				+ "]";
	}

}
