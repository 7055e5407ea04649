package dev.orchestration.autoconfigure.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.internal.EmbeddingModelConfiguration;
import dev.orchestration.classify.TaskClassifier;
import dev.orchestration.classify.internal.EmbeddingTaskClassifier;
import dev.orchestration.classify.internal.RouterModelTaskClassifier;
import dev.orchestration.classify.internal.TaskInferenceAdvisor;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.Tiers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Task inference on the {@code RoutingChatClient}: an embedding classifier over the
 * configured classes and, when {@code llm.routing.classifier.router-model.tier} is set, a
 * small-model router for the rest.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@ConditionalOnProperty(prefix = OrchestrationClassifierProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationClassifierProperties.class)
@Import(EmbeddingModelConfiguration.class)
public final class OrchestrationClassifierAutoConfiguration {

	private static final String PREFIX = OrchestrationClassifierProperties.CONFIG_PREFIX;

	@Bean
	@ConditionalOnMissingBean
	TaskInferenceAdvisor llmTaskInferenceAdvisor(OrchestrationClassifierProperties properties, Tiers tiers,
			RoutingChatModel routingChatModel, BeanFactory beanFactory, ObjectProvider<MeterRegistry> meterRegistry) {
		Map<String, List<String>> examples = examples(properties);
		List<TaskClassifier> layers = new ArrayList<>();
		layers.add(new EmbeddingTaskClassifier(
				EmbeddingModelConfiguration.resolve(beanFactory, PREFIX + ".embedding-model",
						properties.getEmbeddingModel()),
				examples, properties.getConfidenceFloor(), properties.getMinMargin(), properties.getK()));
		String routerTier = properties.getRouterModel().getTier();
		if (routerTier != null) {
			if (!tiers.contains(routerTier)) {
				throw new InvalidOrchestrationConfigurationException(PREFIX + ".router-model.tier",
						"there is no tier named '" + routerTier + "'",
						"use one of the configured tiers " + tiers.names());
			}
			layers.add(new RouterModelTaskClassifier(routingChatModel, routerTier, List.copyOf(examples.keySet()),
					properties.getRouterModel().getCacheSize()));
		}
		return new TaskInferenceAdvisor(layers, meterRegistry.getIfUnique(CompositeMeterRegistry::new));
	}

	private static Map<String, List<String>> examples(OrchestrationClassifierProperties properties) {
		if (properties.getClasses().isEmpty()) {
			throw new InvalidOrchestrationConfigurationException(PREFIX + ".classes", "no classes are configured",
					"define at least two classes with examples, e.g. " + PREFIX + ".classes.code.examples[0]=...");
		}
		Map<String, List<String>> examples = new LinkedHashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		properties.getClasses().forEach((name, taskClass) -> {
			List<String> texts = new ArrayList<>(taskClass.getExamples());
			if (taskClass.getExamplesFile() != null) {
				String property = PREFIX + ".classes." + name + ".examples-file";
				try (InputStream in = taskClass.getExamplesFile().getInputStream()) {
					texts.addAll(mapper.readValue(in, new TypeReference<List<String>>() {
					}));
				}
				catch (IOException | JacksonException ex) {
					throw new InvalidOrchestrationConfigurationException(property,
							"the file cannot be read as a JSON array of strings (" + ex.getMessage() + ")",
							"point it at a readable JSON file such as [\"example one\", \"example two\"]");
				}
			}
			if (texts.isEmpty()) {
				throw new InvalidOrchestrationConfigurationException(PREFIX + ".classes." + name + ".examples",
						"class '" + name + "' has no examples", "give it example utterances or an examples-file");
			}
			examples.put(name, texts);
		});
		return examples;
	}

}
