package dev.orchestration.bench.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RouterBenchDataset;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the replay runs: Spring Boot auto-configuration (the starter's
 * orchestration auto-configurations among them) plus what an application would declare
 * itself: one OpenAI {@code ChatModel} bean ({@value #CHAT_MODEL_BEAN}) pointed at the
 * provider simulator, and the bench-only {@link RecordedTruthVerifier}. The {@code llm.*}
 * configuration comes from the YAML given to the command.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ReplayApplication {

	/** Name of the chat model bean that members refer to with {@code chat-model}. */
	public static final String CHAT_MODEL_BEAN = "replayChatModel";

	/**
	 * Default model of the chat model bean; every member names its recorded model
	 * instead.
	 */
	static final String DEFAULT_MODEL = "replay-member-without-model";

	/**
	 * Accounting prices of every replayed model, USD per million tokens. The simulator
	 * reports completion tokens = round(recorded cost / output price), so the router's
	 * cost of a call (prompt x input + completion x output) equals the recorded cost of
	 * that call to within half a token, 5e-9 USD.
	 */
	public static final double INPUT_PER_MILLION = 0.0;

	/** See {@link #INPUT_PER_MILLION}. */
	public static final double OUTPUT_PER_MILLION = 0.01;

	@Bean(CHAT_MODEL_BEAN)
	OpenAiChatModel replayChatModel(ProviderSimulator simulator) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(simulator.baseUrl())
				.apiKey("replay")
				.model(DEFAULT_MODEL)
				.maxRetries(0)
				.timeout(Duration.ofSeconds(60))
				.build())
			.build();
	}

	@Bean
	RecordedTruthVerifier recordedTruthVerifier(RouterBenchDataset data, ReplaySettings settings) {
		return new RecordedTruthVerifier(data, settings.judgeError(), settings.seed());
	}

	@Bean
	static BeanPostProcessor replayPricesAndModels(ProviderSimulator simulator, RouterBenchDataset data,
			ReplayedModels replayed) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof OrchestrationProperties properties) {
					prepare(properties, simulator, data, replayed);
				}
				return bean;
			}
		};
	}

	/**
	 * Checks that every member names a recorded model through {@value #CHAT_MODEL_BEAN},
	 * sets the accounting prices on it (replacing any configured price), and has the
	 * simulator replay that model's recorded answers.
	 */
	static void prepare(OrchestrationProperties properties, ProviderSimulator simulator, RouterBenchDataset data,
			ReplayedModels replayed) {
		for (Map.Entry<String, OrchestrationProperties.Tier> tier : properties.getTiers().entrySet()) {
			for (int i = 0; i < tier.getValue().getModels().size(); i++) {
				OrchestrationProperties.Member member = tier.getValue().getModels().get(i);
				String where = "llm.tiers." + tier.getKey() + ".models[" + i + "]";
				if (!CHAT_MODEL_BEAN.equals(member.getChatModel())) {
					throw new IllegalStateException(where + ".chat-model must be " + CHAT_MODEL_BEAN
							+ " (the simulator replaying the recorded answers), not " + member.getChatModel());
				}
				String model = member.getModel();
				if (model == null || !data.models().contains(model)) {
					throw new IllegalStateException(
							where + ".model must name a model of the data, one of " + data.models() + "; got " + model);
				}
				member.getPrice().setInputPerMillion(INPUT_PER_MILLION);
				member.getPrice().setOutputPerMillion(OUTPUT_PER_MILLION);
				if (replayed.add(model)) {
					simulator.model(model).replay(data, model, INPUT_PER_MILLION, OUTPUT_PER_MILLION);
				}
			}
		}
	}

	/** Settings of the bench-only beans. */
	public record ReplaySettings(double judgeError, long seed) {
	}

	/**
	 * The recorded models the configuration references (filled while the context starts).
	 */
	public static final class ReplayedModels {

		private final Set<String> models = new TreeSet<>();

		synchronized boolean add(String model) {
			return this.models.add(model);
		}

		/** The models, sorted. */
		public synchronized List<String> models() {
			return List.copyOf(this.models);
		}

	}

}
