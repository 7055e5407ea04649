package dev.orchestration.it;

import java.util.List;

import dev.orchestration.cascade.Adjustment;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.RetrySettings;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Retries with adjusted parameters over real HTTP: after a verifier rejects an answer the
 * same tier is asked again with the verifier's adjustments applied in order, at most
 * {@code max-retries} times, before the cascade escalates.
 */
class CascadeRetryIntegrationTests {

	private static final String LONG = "word ".repeat(80).strip();

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = CascadeFixtures.runner(sim, "small,large",
			member("small", 0, "openAiChatModel", "cheap"), member("large", 0, "openAiChatModel", "strong"),
			new String[] { "llm.tiers.small.models[0].price.output-per-million=2",
					"llm.tiers.large.models[0].price.output-per-million=30" });

	@Test
	void aTruncatedAnswerIsRetriedWithLargerMaxTokensUntilItFits() {
		sim.model("cheap").answer(LONG).honourMaxTokens();
		this.runner
			.withPropertyValues("llm.cascade.verifiers=not-truncated", "llm.cascade.retry.max-retries=3",
					"llm.cascade.retry.on.not-truncated=larger-max-tokens,larger-max-tokens,larger-max-tokens")
			.run((context) -> {
				ChatResponse response = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("Write it all")
					.options(RoutingChatOptions.builder().maxTokens(20))
					.call()
					.chatResponse();
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(cascade.accepted()).isTrue();
				assertThat(response.getResult().getOutput().getText()).isEqualTo(LONG);
				assertThat(sim.requests("cheap")).extracting(CascadeRetryIntegrationTests::maxTokens)
					.containsExactly(20, 40, 80, 160);
				assertThat(cascade.retries()).isEqualTo(3);
				assertThat(cascade.escalations()).isZero();
				assertThat(cascade.steps()).extracting(CascadeStep::tier).containsOnly("small");
				assertThat(cascade.steps().get(3).adjustments()).containsExactly(Adjustment.LARGER_MAX_TOKENS,
						Adjustment.LARGER_MAX_TOKENS, Adjustment.LARGER_MAX_TOKENS);
				assertThat(sim.requests("strong")).isEmpty();
				assertThat(cascade.cost()).as("every retry is paid for")
					.isPositive()
					.isCloseTo(cascade.steps().stream().mapToDouble(CascadeStep::answerCost).sum(), offset(1e-12));
				assertThat(context.getBean(MeterRegistry.class)
					.get("llm.cascade.retries")
					.tags("verifier", "not-truncated", "adjustment", "larger-max-tokens")
					.counter()
					.count()).isEqualTo(3);
			});
	}

	@Test
	void adjustmentsApplyInOrderAndStopAtTheBoundThenTheRequestEscalates() {
		sim.model("cheap").answer("forty-two");
		sim.model("strong").answer("42");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=pattern", "llm.cascade.pattern=^\\d+$",
					"llm.cascade.retry.max-retries=2",
					"llm.cascade.retry.on.pattern=lower-temperature,append-validation-error,stricter-system-hint")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(response.getResult().getOutput().getText()).isEqualTo("42");
				List<RecordedRequest> cheap = sim.requests("cheap");
				assertThat(cheap).as("the first answer and two retries, no third").hasSize(3);
				assertThat(cheap.get(0).json().path("temperature").asDouble(-1)).isNotEqualTo(0.0);
				assertThat(cheap.get(1).json().path("temperature").asDouble(-1)).isEqualTo(0.0);
				assertThat(cheap.get(1).lastUserMessage()).doesNotContain("validation failed");
				assertThat(cheap.get(2).json().path("temperature").asDouble(-1)).isEqualTo(0.0);
				assertThat(cheap.get(2).lastUserMessage())
					.contains("Output JSON validation failed because of: pattern: does not match");
				assertThat(cheap).noneMatch((r) -> r.systemPrompt().contains(RetrySettings.DEFAULT_SYSTEM_HINT));
				RecordedRequest strong = sim.requests("strong").get(0);
				assertThat(strong.lastUserMessage()).as("the escalation starts from the caller's request")
					.isEqualTo("What is six times seven?");
				assertThat(cascade.retries()).isEqualTo(2);
				assertThat(cascade.escalations()).isEqualTo(1);
				assertThat(cascade.steps()).extracting(CascadeStep::tier)
					.containsExactly("small", "small", "small", "large");
				assertThat(cascade.steps()).extracting((s) -> s.adjustments().size()).containsExactly(0, 1, 2, 0);
			});
	}

	@Test
	void aStricterSystemHintIsAddedForAnyVerifierWithoutItsOwnList() {
		sim.model("cheap").answers((request) -> request.systemPrompt().contains("Only digits") ? "42" : "forty-two");
		this.runner
			.withPropertyValues("llm.cascade.verifiers=pattern", "llm.cascade.pattern=^\\d+$",
					"llm.cascade.retry.on.any=stricter-system-hint", "llm.cascade.retry.system-hint=Only digits.")
			.run((context) -> {
				ChatResponse response = ask(context);
				CascadeReceipt cascade = CascadeReceipt.from(response).orElseThrow();
				assertThat(response.getResult().getOutput().getText()).isEqualTo("42");
				assertThat(cascade.accepted()).isTrue();
				assertThat(cascade.retries()).isEqualTo(1);
				assertThat(sim.requests("strong")).isEmpty();
			});
	}

	@Test
	void retriesAfterAnUnknownVerifierFailStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.cascade.retry.on.oracle=lower-temperature").run((context) -> {
			CascadeFixtures.assertStartupFailsNaming(context, "llm.cascade.retry.on.oracle");
		});
		this.runner.withPropertyValues("llm.cascade.retry.max-tokens-factor=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("retry.max-tokens-factor");
		});
	}

	private static int maxTokens(RecordedRequest request) {
		return request.json().has("max_completion_tokens") ? request.json().path("max_completion_tokens").asInt()
				: request.json().path("max_tokens").asInt();
	}

	private static ChatResponse ask(ApplicationContext context) {
		return CascadeFixtures.ask(context, "What is six times seven?");
	}

}
