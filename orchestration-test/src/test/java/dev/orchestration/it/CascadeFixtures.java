package dev.orchestration.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cascade integration tests share: the cascade over simulated tiers, a question,
 * the answer's text, and a start-up failure naming a property.
 */
final class CascadeFixtures {

	/** A judge's structured verdict that passes a 0.7 threshold. */
	static final String HIGH = "{\"relevance\": 0.9, \"coherence\": 0.9, \"hallucinationRisk\": 0.1}";

	/** A judge's structured verdict that fails a 0.7 threshold. */
	static final String LOW = "{\"relevance\": 0.2, \"coherence\": 0.4, \"hallucinationRisk\": 0.8}";

	/**
	 * No cascade test is about client timeouts (the judge's is the cascade's own): a
	 * generous one keeps a loaded machine from failing a call that is merely slow.
	 */
	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	private CascadeFixtures() {
	}

	/**
	 * The simulated providers with the cascade on along {@code path} (its first tier the
	 * default one), meters on a {@link SimpleMeterRegistry}, and the given members and
	 * settings.
	 */
	static ApplicationContextRunner runner(ProviderSimulator simulator, String path, String[]... settings) {
		List<String[]> all = new ArrayList<>(List.of(settings));
		all.add(new String[] { "llm.routing.default-tier=" + path.split(",")[0], "llm.cascade.enabled=true",
				"llm.cascade.path=" + path });
		return SimulatedProviders.runner(simulator, CLIENT_TIMEOUT)
			.withConfiguration(AutoConfigurations.of(OrchestrationCascadeAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(SimulatedProviders.props(all.toArray(String[][]::new)));
	}

	static ChatResponse ask(ApplicationContext context, String question) {
		return context.getBean(RoutingChatClient.class).prompt().user(question).call().chatResponse();
	}

	static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	/**
	 * The context failed to start with our exception, its message naming the property
	 * (and whatever else is given).
	 */
	static void assertStartupFailsNaming(AssertableApplicationContext context, String... fragments) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidOrchestrationConfigurationException.class)
			.hasMessageContainingAll(fragments);
	}

}
