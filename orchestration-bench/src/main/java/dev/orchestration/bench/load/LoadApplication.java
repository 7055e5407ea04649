package dev.orchestration.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.routing.RoutingChatClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web application the load command measures: Spring Boot auto-configuration with
 * embedded Tomcat, one OpenAI {@code ChatModel} bean ({@value #CHAT_MODEL_BEAN}) pointed
 * at the upstream stub, and two endpoints that answer a text prompt with the model's
 * text: {@code POST /plain} through a plain {@code ChatClient} over that bean and
 * {@code POST /routed} through the starter's {@link RoutingChatClient}, configured as 3
 * tiers of 2 members (all on the same bean) with 4 rules, caches off.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(LoadApplication.Endpoints.class)
public class LoadApplication {

	/** The chat model bean every member uses. */
	static final String CHAT_MODEL_BEAN = "stubChatModel";

	/** The property that carries the upstream's base URL. */
	static final String UPSTREAM_PROPERTY = "bench.load.upstream-url";

	@Bean(CHAT_MODEL_BEAN)
	OpenAiChatModel stubChatModel(@Value("${" + UPSTREAM_PROPERTY + "}") String upstream) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(upstream)
				.apiKey("bench")
				.model("plain-model")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(30))
				.build())
			.build();
	}

	/**
	 * The properties of the measured application: loopback, ephemeral port, and the
	 * {@code llm.*} tiers and rules.
	 * @param upstream the stub's base URL
	 * @return the properties
	 */
	static Map<String, Object> properties(String upstream) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		properties.put(UPSTREAM_PROPERTY, upstream);
		for (String tier : new String[] { "small", "mid", "large" }) {
			for (int i = 0; i < 2; i++) {
				String member = "llm.tiers." + tier + ".models[" + i + "].";
				properties.put(member + "chat-model", CHAT_MODEL_BEAN);
				properties.put(member + "model", tier + "-model-" + i);
				properties.put(member + "price.input-per-million", 0.15 * (i + 1));
				properties.put(member + "price.output-per-million", 0.60 * (i + 1));
			}
		}
		properties.put("llm.routing.default-tier", "mid");
		properties.put("llm.routing.rules[0].when.task", "classification");
		properties.put("llm.routing.rules[0].tier", "small");
		properties.put("llm.routing.rules[1].when.metadata.plan", "enterprise");
		properties.put("llm.routing.rules[1].tier", "large");
		properties.put("llm.routing.rules[2].when.contains-code", "true");
		properties.put("llm.routing.rules[2].tier", "large");
		properties.put("llm.routing.rules[3].when.pattern", "(?i)\\b(contract|lawsuit)\\b");
		properties.put("llm.routing.rules[3].tier", "large");
		return properties;
	}

	/** The two endpoints. */
	@RestController
	static class Endpoints {

		private final ChatClient plain;

		private final RoutingChatClient routed;

		Endpoints(OpenAiChatModel stubChatModel, RoutingChatClient routed,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			this.plain = ChatClient
				.builder(stubChatModel, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), null, null)
				.build();
			this.routed = routed;
		}

		@PostMapping("/plain")
		String plain(@RequestBody String prompt) {
			return this.plain.prompt().user(prompt).call().content();
		}

		@PostMapping("/routed")
		String routed(@RequestBody String prompt) {
			return this.routed.prompt().user(prompt).call().content();
		}

	}

}
