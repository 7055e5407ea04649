package dev.orchestration.autoconfigure.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.provider.ProviderApi;
import dev.orchestration.provider.ProviderEndpoint;
import dev.orchestration.provider.internal.ProviderChatModelFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.providers.<id>} into a validated {@link ProviderEndpoint}, failing
 * start-up with the property and the fix. Messages never contain the API key or header
 * values.
 */
final class ProviderEndpointBinder {

	static final String PREFIX = "llm.providers";

	private static final String OPENAI_URL = "https://api.openai.com/v1";

	private static final String ANTHROPIC_URL = "https://api.anthropic.com";

	private ProviderEndpointBinder() {
	}

	static ProviderEndpoint endpoint(String id, OrchestrationProviderProperties.Provider provider) {
		String property = PREFIX + "." + id;
		ProviderApi api = provider.getApi();
		if (api == null) {
			throw new InvalidOrchestrationConfigurationException(property + ".api", "no API is set",
					"set it to one of " + apis());
		}
		String module = ProviderChatModelFactory.missingModule(api);
		if (module != null) {
			throw new InvalidOrchestrationConfigurationException(property + ".api",
					"the " + api.configName() + " API needs " + module + ", which is not on the classpath",
					"add the dependency " + module + " (its version comes from org.springframework.ai:spring-ai-bom)");
		}
		URI baseUrl = baseUrl(property + ".base-url", api, provider.getBaseUrl());
		String apiKey = apiKey(property + ".api-key", api, provider.getApiKey());
		requireResolved(property + ".organization", provider.getOrganization());
		requireResolved(property + ".project", provider.getProject());
		requireResolved(property + ".deployment", provider.getDeployment());
		requireResolved(property + ".api-version", provider.getApiVersion());
		provider.getHeaders().forEach((name, value) -> requireResolved(property + ".headers." + name, value));
		if (api == ProviderApi.ANTHROPIC) {
			rejectOpenAiOnly(property + ".organization", provider.getOrganization());
			rejectOpenAiOnly(property + ".project", provider.getProject());
		}
		if (api != ProviderApi.AZURE_OPENAI) {
			rejectAzureOnly(property + ".deployment", provider.getDeployment());
			rejectAzureOnly(property + ".api-version", provider.getApiVersion());
		}
		requirePositive(property + ".timeout", provider.getTimeout());
		if (provider.getConnectTimeout() != null) {
			requirePositive(property + ".connect-timeout", provider.getConnectTimeout());
		}
		return new ProviderEndpoint(id, api, baseUrl, apiKey, blankToNull(provider.getOrganization()),
				blankToNull(provider.getProject()), blankToNull(provider.getDeployment()),
				blankToNull(provider.getApiVersion()), provider.getTimeout(), provider.getConnectTimeout(),
				Map.copyOf(provider.getHeaders()), blankToNull(provider.getModel()));
	}

	private static URI baseUrl(String property, ProviderApi api, @Nullable String configured) {
		String value = blankToNull(configured);
		if (value == null) {
			return switch (api) {
				case OPENAI -> URI.create(OPENAI_URL);
				case ANTHROPIC -> URI.create(ANTHROPIC_URL);
				case AZURE_OPENAI -> throw new InvalidOrchestrationConfigurationException(property,
						"no base URL is set (Azure OpenAI has no default)",
						"set it to your resource's endpoint, e.g. https://my-resource.openai.azure.com");
				case OPENAI_COMPATIBLE -> throw new InvalidOrchestrationConfigurationException(property,
						"no base URL is set (an OpenAI-compatible server has no default)",
						"set it to the server's OpenAI API root, e.g. http://localhost:8000/v1 (vLLM) or "
								+ "http://localhost:11434/v1 (Ollama)");
			};
		}
		requireResolved(property, value);
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the value is not a URL (" + ex.getReason() + ")",
					"set an absolute http or https URL, e.g. https://api.example.com/v1");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the value is not an absolute http or https URL with a host"
							+ (scheme.isEmpty() ? "" : " (it reads as scheme '" + scheme + "')"),
					"set an absolute http or https URL, e.g. https://api.example.com/v1");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the URL carries user information or a query, which may hold credentials",
					"put credentials in " + property.replace(".base-url", ".api-key") + " or "
							+ property.replace(".base-url", ".headers") + " instead");
		}
		return uri;
	}

	private static @Nullable String apiKey(String property, ProviderApi api, @Nullable String configured) {
		String value = blankToNull(configured);
		if (value == null) {
			if (api == ProviderApi.OPENAI_COMPATIBLE) {
				return null;
			}
			throw new InvalidOrchestrationConfigurationException(property, "no API key is set",
					"set it, usually from the environment: " + property + "=${" + keyVariable(api) + "}");
		}
		requireResolved(property, value);
		return value;
	}

	private static void requireResolved(String property, @Nullable String value) {
		if (value == null) {
			return;
		}
		int start = value.indexOf("${");
		if (start >= 0) {
			int end = value.indexOf('}', start);
			String name = value.substring(start + 2, (end > start) ? end : value.length());
			int colon = name.indexOf(':');
			name = (colon >= 0) ? name.substring(0, colon) : name;
			throw new InvalidOrchestrationConfigurationException(property,
					"the placeholder ${" + name + "} is not resolved",
					"set the environment variable or property '" + name + "' (or give a default: ${" + name + ":...})");
		}
	}

	private static void rejectOpenAiOnly(String property, @Nullable String value) {
		if (blankToNull(value) != null) {
			throw new InvalidOrchestrationConfigurationException(property,
					"it applies to the OpenAI APIs only, not to anthropic", "remove it");
		}
	}

	private static void rejectAzureOnly(String property, @Nullable String value) {
		if (blankToNull(value) != null) {
			throw new InvalidOrchestrationConfigurationException(property, "it applies to azure-openai only",
					"remove it, or set the provider's api to azure-openai");
		}
	}

	private static void requirePositive(String property, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidOrchestrationConfigurationException(property, "the duration is not positive",
					"set a positive duration, e.g. 60s");
		}
	}

	private static String keyVariable(ProviderApi api) {
		return switch (api) {
			case OPENAI, OPENAI_COMPATIBLE -> "OPENAI_API_KEY";
			case AZURE_OPENAI -> "AZURE_OPENAI_API_KEY";
			case ANTHROPIC -> "ANTHROPIC_API_KEY";
		};
	}

	private static String apis() {
		return Arrays.stream(ProviderApi.values()).map(ProviderApi::configName).collect(Collectors.joining(", "));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
