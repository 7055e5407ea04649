package dev.orchestration.autoconfigure;

import dev.orchestration.embedding.OnnxEmbeddingModel;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in in-process embedding model (all-MiniLM-L6-v2 on ONNX Runtime, no network), shared by the semantic
 * cache and the task classifier, and the lookup of a user's {@code EmbeddingModel} bean by name instead.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddingModelConfiguration {

	/** Property value that selects the built-in model. */
	public static final String BUILT_IN = "built-in";

	/** Bean name of the built-in model. */
	public static final String BEAN_NAME = "llmEmbeddingModel";

	@Bean(BEAN_NAME)
	@ConditionalOnMissingBean(name = BEAN_NAME)
	@ConditionalOnClass(name = "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel")
	OnnxEmbeddingModel llmEmbeddingModel() {
		return new OnnxEmbeddingModel();
	}

	/**
	 * The embedding model a property names: the built-in one for {@value #BUILT_IN}, else the named bean.
	 */
	public static EmbeddingModel resolve(BeanFactory beanFactory, String property, String name) {
		if (!BUILT_IN.equals(name)) {
			if (!beanFactory.containsBean(name)) {
				throw new InvalidOrchestrationConfigurationException(property,
						"there is no EmbeddingModel bean named '" + name + "'",
						"name an EmbeddingModel bean, or set '" + BUILT_IN + "' for the in-process all-MiniLM-L6-v2");
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

}
