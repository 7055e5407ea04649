package dev.orchestration.it;

import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.classify.OrchestrationClassifierAutoConfiguration;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.receipt.TaskSource;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests without a task hint get their task from the embedding classifier or the
 * small-model router, so task rules and task cascade policies apply to them.
 */
class TaskInferenceIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withConfiguration(AutoConfigurations.of(OrchestrationClassifierAutoConfiguration.class,
				OrchestrationCascadeAutoConfiguration.class))
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "cheap"),
				member("coder", 0, "openAiChatModel", "code-model"), member("large", 0, "anthropicChatModel", "strong"),
				new String[] { "llm.routing.default-tier=large", "llm.routing.rules[0].when.task=code",
						"llm.routing.rules[0].tier=coder", "llm.routing.rules[1].when.task=chit-chat",
						"llm.routing.rules[1].tier=small", "llm.routing.classifier.enabled=true",
						"llm.routing.classifier.confidence-floor=0.1",
						"llm.routing.classifier.classes.code.examples[0]=Write a Python function that reverses a list",
						"llm.routing.classifier.classes.code.examples[1]=Fix this Java NullPointerException in my method",
						"llm.routing.classifier.classes.chit-chat.examples[0]=Hi, how are you today?",
						"llm.routing.classifier.classes.chit-chat.examples[1]=Good morning! Tell me something fun" }));

	@Test
	void theEmbeddingClassifierInfersTheTaskAndATaskRuleRoutesIt() {
		this.runner.run((context) -> {
			RoutingReceipt code = receipt(ask(context, "Write a JavaScript function that sorts an array of numbers"));
			assertThat(code.tier()).isEqualTo("coder");
			assertThat(code.route().layer()).isEqualTo(RouteLayer.CLASSIFIER);
			assertThat(code.route().reason()).contains("task code inferred by embedding");
			RoutingReceipt chat = receipt(ask(context, "Hey, how is your day going?"));
			assertThat(chat.tier()).isEqualTo("small");
			assertThat(sim.requests("code-model")).hasSize(1);
		});
	}

	@Test
	void aCallerHintIsNeverOverridden() {
		this.runner.run((context) -> {
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Write a JavaScript function that sorts an array of numbers")
				.options(RoutingChatOptions.builder().task("chit-chat"))
				.call()
				.chatResponse();
			assertThat(receipt(response).tier()).isEqualTo("small");
			assertThat(receipt(response).route().layer()).isEqualTo(RouteLayer.RULE);
		});
	}

	@Test
	void theSmallModelRouterLabelsWhatTheEmbeddingClassifierIsNotSureAboutAndCachesItsDecision() {
		sim.model("cheap").answer("{\"label\": \"code\"}");
		this.runner
			.withPropertyValues("llm.routing.classifier.confidence-floor=0.99",
					"llm.routing.classifier.router-model.tier=small")
			.run((context) -> {
				RoutingReceipt first = receipt(ask(context, "My build fails with a missing symbol error"));
				assertThat(first.route().layer()).isEqualTo(RouteLayer.ROUTER_MODEL);
				assertThat(first.tier()).isEqualTo("coder");
				receipt(ask(context, "My build fails with a missing symbol error"));
				assertThat(sim.requests("cheap")).as("the router model's decision is cached").hasSize(1);
				assertThat(sim.requests("cheap").get(0).lastUserMessage()).contains("code, chit-chat");
			});
	}

	@Test
	void anInferredTaskSelectsItsCascadePolicy() {
		sim.model("code-model").answer("no code here");
		sim.model("strong").answer("```python\ndef f(): pass\n```");
		this.runner
			.withPropertyValues("llm.cascade.enabled=true", "llm.cascade.verifiers=",
					"llm.cascade.tasks.code.verifiers=pattern", "llm.cascade.tasks.code.pattern=```",
					"llm.cascade.tasks.code.path=coder,large")
			.run((context) -> {
				ChatResponse response = ask(context, "Write a Python function that returns the sum of a list");
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(cascade.steps()).hasSize(2);
				assertThat(response.getResult().getOutput().getText()).contains("def f()");
			});
	}

	@Test
	void anInferredTaskSelectsItsCacheTtlAndACacheHitCostsNothing() {
		this.runner.withConfiguration(AutoConfigurations.of(OrchestrationCacheAutoConfiguration.class))
			.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.ttl-by-task.chit-chat=0s",
					"llm.tiers.coder.models[0].price.input-per-million=1",
					"llm.tiers.coder.models[0].price.output-per-million=2")
			.run((context) -> {
				// chit-chat is inferred inside the caches; its TTL of 0 means never
				// cached
				String chat = "Hey, how is your day going?";
				RoutingReceipt first = receipt(ask(context, chat));
				assertThat(first.task()).isNotNull()
					.satisfies((task) -> assertThat(task.source()).isEqualTo(TaskSource.EMBEDDING));
				assertThat(first.task().task()).isEqualTo("chit-chat");
				receipt(ask(context, chat));
				assertThat(sim.requests("cheap")).as("an inferred task with TTL 0 is not cached").hasSize(2);

				// code has the default TTL: the second request is a hit that costs
				// nothing now
				String code = "Write a JavaScript function that sorts an array of numbers";
				RoutingReceipt paid = receipt(ask(context, code));
				ChatResponse again = ask(context, code);
				assertThat(sim.requests("code-model")).hasSize(1);
				assertThat(CacheHit.from(again)).isPresent();
				RoutingReceipt hit = receipt(again);
				assertThat(hit.servedFromCache()).isTrue();
				assertThat(hit.cost()).isZero();
				assertThat(hit.attempts()).isEmpty();
				assertThat(hit.originalCost()).isEqualTo(paid.cost()).isPositive();
				assertThat(hit.member()).isEqualTo(paid.member());
			});
	}

	private static ChatResponse ask(ApplicationContext context, String question) {
		return context.getBean(RoutingChatClient.class).prompt().user(question).call().chatResponse();
	}

	private static RoutingReceipt receipt(ChatResponse response) {
		return RoutingReceipt.from(response).orElseThrow();
	}

}
