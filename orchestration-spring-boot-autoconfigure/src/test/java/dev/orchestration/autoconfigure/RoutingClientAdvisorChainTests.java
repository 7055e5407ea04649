package dev.orchestration.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.autoconfigure.audit.OrchestrationAuditAutoConfiguration;
import dev.orchestration.autoconfigure.tenant.OrchestrationTenantAutoConfiguration;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.tenant.TenantResolver;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing client's advisor chain holds no advisor a plain ChatClient does not: the
 * tool loop's receipt ledger lives in the tool-calling advisor Spring AI would register
 * anyway, so a request pays for no extra advisor (and, with observations on, no extra
 * advisor observation).
 */
class RoutingClientAdvisorChainTests {

	private final AdvisorNames advisors = new AdvisorNames();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class,
						OrchestrationTenantAutoConfiguration.class, OrchestrationAuditAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withBean(FakeHttpException.Extractor.class)
		.withBean(ObservationRegistry.class, this::registry)
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.tiers.small.models[0].model=mini");

	@Test
	void aRoutedRequestPassesTheSameNumberOfAdvisorsAsAPlainOne() {
		this.runner.run((context) -> {
			ChatClient.builder(new ScriptedChatModel("plain"), context.getBean(ObservationRegistry.class), null, null)
				.build()
				.prompt("hello")
				.call()
				.content();
			List<String> plain = this.advisors.drain();

			context.getBean(RoutingChatClient.class).prompt("hello").call().content();
			List<String> routed = this.advisors.drain();

			assertThat(plain).hasSize(2);
			assertThat(routed).as("routed chain vs plain chain %s", plain).hasSameSizeAs(plain);
			assertThat(routed).contains("ToolLoopReceiptAdvisor").doesNotContain("Tool Calling Advisor");
		});
	}

	@Test
	void aTenantResolverOfTheApplicationPutsTheTenantAdvisorInTheChain() {
		this.runner.withBean(TenantResolver.class, () -> (requested) -> "acme").run((context) -> {
			context.getBean(RoutingChatClient.class).prompt("hello").call().content();
			assertThat(this.advisors.drain()).contains("TenantAdvisor").hasSize(3);
		});
	}

	private ObservationRegistry registry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(this.advisors);
		return registry;
	}

	/** Names of the advisors whose observations started. */
	static final class AdvisorNames implements ObservationHandler<AdvisorObservationContext> {

		private final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(AdvisorObservationContext context) {
			this.names.add(context.getAdvisorName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof AdvisorObservationContext;
		}

		List<String> drain() {
			List<String> drained = List.copyOf(this.names);
			this.names.clear();
			return drained;
		}

	}

}
