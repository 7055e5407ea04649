package dev.orchestration.autoconfigure;

import dev.orchestration.resilience.AnthropicErrorExtractor;
import dev.orchestration.resilience.OpenAiErrorExtractor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Teaches the default failure classifier the exceptions of the provider SDKs on the
 * classpath.
 */
@Configuration(proxyBeanMethods = false)
class ProviderFailureConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.openai.errors.OpenAIServiceException")
	static class OpenAiFailures {

		@Bean
		OpenAiErrorExtractor llmOpenAiErrorExtractor() {
			return new OpenAiErrorExtractor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.anthropic.errors.AnthropicServiceException")
	static class AnthropicFailures {

		@Bean
		AnthropicErrorExtractor llmAnthropicErrorExtractor() {
			return new AnthropicErrorExtractor();
		}

	}

}
