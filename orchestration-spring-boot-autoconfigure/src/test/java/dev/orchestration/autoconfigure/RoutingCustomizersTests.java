package dev.orchestration.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatClientCustomizer;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatModelBuilder;
import dev.orchestration.routing.RoutingChatModelCustomizer;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customizers change the auto-configured router and routing client without replacing
 * them.
 */
class RoutingCustomizersTests {

	private final ScriptedChatModel cheap = new ScriptedChatModel("cheap");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> this.cheap)
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel");

	@Test
	void aRoutingChatModelCustomizerAddsAListenerWithoutReplacingTheRouter() {
		List<RoutingDecision> seen = new CopyOnWriteArrayList<>();
		this.runner.withBean(RoutingChatModelCustomizer.class, () -> (builder) -> builder.listener(seen::add))
			.run((context) -> {
				assertThat(context).hasSingleBean(RoutingChatModel.class);
				context.getBean(RoutingChatModel.class).call(new Prompt("hello"));
				assertThat(seen).singleElement()
					.satisfies((decision) -> assertThat(decision.receipt().member()).isEqualTo("small-cheapModel"));
			});
	}

	@Test
	void routingChatModelCustomizersRunInTheirOrder() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.runner.withBean("late", RoutingChatModelCustomizer.class, () -> new Named("late", 2, calls))
			.withBean("early", RoutingChatModelCustomizer.class, () -> new Named("early", 1, calls))
			.run((context) -> {
				context.getBean(RoutingChatModel.class).call(new Prompt("hello"));
				assertThat(calls).as("listeners added by the customizers, called in the customizers' order")
					.containsExactly("early", "late");
			});
	}

	@Test
	void aRoutingChatClientCustomizerSetsADefaultSystemTextOnTheRoutingClientOnly() {
		this.runner
			.withBean(RoutingChatClientCustomizer.class,
					() -> (builder) -> builder.defaultSystem("Answer in one sentence."))
			.run((context) -> {
				context.getBean(RoutingChatClient.class).prompt().user("hello").call().content();
				assertThat(this.cheap.prompts()).singleElement()
					.satisfies((prompt) -> assertThat(prompt.getSystemMessage().getText())
						.isEqualTo("Answer in one sentence."));
			});
	}

	/** Adds a listener that records its name. */
	static final class Named implements RoutingChatModelCustomizer, Ordered {

		private final String name;

		private final int order;

		private final List<String> calls;

		Named(String name, int order, List<String> calls) {
			this.name = name;
			this.order = order;
			this.calls = calls;
		}

		@Override
		public void customize(RoutingChatModelBuilder builder) {
			builder.listener((decision) -> this.calls.add(this.name));
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
