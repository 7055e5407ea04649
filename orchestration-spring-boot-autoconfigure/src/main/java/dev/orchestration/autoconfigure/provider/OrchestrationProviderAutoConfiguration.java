package dev.orchestration.autoconfigure.provider;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.provider.ProviderEndpoint;
import dev.orchestration.provider.internal.ProviderChatModel;
import dev.orchestration.provider.internal.ProviderChatModelFactory;
import dev.orchestration.provider.internal.ProviderChatModels;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Builds a Spring AI chat model for every {@code llm.providers.<id>}, with the SDK's
 * retries off, for tier members that say {@code provider: <id>}.
 * {@link OrchestrationAutoConfiguration} looks the {@link ProviderChatModels} up when it
 * builds the tiers.
 */
@AutoConfiguration(before = OrchestrationAutoConfiguration.class)
@ConditionalOnClass(ChatClient.class)
@ConditionalOnProperty(prefix = OrchestrationProperties.CONFIG_PREFIX, name = "enabled", matchIfMissing = true)
@Conditional(OrchestrationProviderAutoConfiguration.OnProvidersConfigured.class)
@EnableConfigurationProperties(OrchestrationProviderProperties.class)
public final class OrchestrationProviderAutoConfiguration {

	private static final Log logger = LogFactory.getLog(OrchestrationProviderAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ProviderChatModels llmProviderChatModels(OrchestrationProviderProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		List<ProviderEndpoint> endpoints = new ArrayList<>();
		properties.getProviders()
			.forEach((id, provider) -> endpoints.add(ProviderEndpointBinder.endpoint(id, provider)));
		ProviderChatModelFactory factory = new ProviderChatModelFactory(
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		List<ProviderChatModel> models = new ArrayList<>();
		try {
			for (ProviderEndpoint endpoint : endpoints) {
				models.add(factory.create(endpoint));
				if (logger.isInfoEnabled()) {
					logger.info("LLM provider '" + endpoint.id() + "': " + endpoint.api().configName() + " at "
							+ endpoint.displayUrl() + " (SDK retries off; the router fails over)");
				}
			}
		}
		catch (RuntimeException ex) {
			models.forEach(ProviderChatModel::close);
			throw ex;
		}
		return new ProviderChatModels(models);
	}

	/** Matches when at least one {@code llm.providers.<id>} is declared. */
	static class OnProvidersConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = Binder.get(context.getEnvironment())
				.bind(ProviderEndpointBinder.PREFIX, Bindable.mapOf(String.class, Object.class))
				.map((providers) -> !providers.isEmpty())
				.orElse(false);
			return configured ? ConditionOutcome.match("llm.providers is configured")
					: ConditionOutcome.noMatch("no llm.providers configured");
		}

	}

}
