package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.actuate.internal.LlmRoutingHealthIndicator;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.ProviderErrorShapes.ANTHROPIC_BACKUP;
import static dev.orchestration.it.ProviderErrorShapes.ANTHROPIC_PRIMARY;
import static dev.orchestration.it.ProviderErrorShapes.LONG;
import static dev.orchestration.it.ProviderErrorShapes.OPENAI_BACKUP;
import static dev.orchestration.it.ProviderErrorShapes.OPENAI_PRIMARY;
import static dev.orchestration.it.ProviderErrorShapes.SAFE;
import static dev.orchestration.it.ProviderErrorShapes.coolDownLeft;
import static dev.orchestration.it.ProviderErrorShapes.health;
import static dev.orchestration.it.ProviderErrorShapes.unavailableLeft;
import static dev.orchestration.it.SimulatedProviders.outcomes;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.requestedModels;
import static dev.orchestration.it.SimulatedProviders.routingFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Real provider error shapes (Azure OpenAI, OpenAI, Anthropic) on the call path, over
 * real HTTP through Spring AI's OpenAI and Anthropic clients: the failure kind in the
 * receipt, the next step (next member, long-context tier, content-policy tier, cool-down
 * length, unhealthy or unavailable mark) and a receipt on every outcome.
 */
class ProviderErrorShapeIntegrationTests {

	/**
	 * What each named shape is classified as on the call path (an in-stream error is an
	 * HTTP error on a call).
	 */
	private static final Map<String, String> EXPECTED_KINDS = Map.ofEntries(
			Map.entry("azure-content-filter", "CONTENT_POLICY"), Map.entry("azure-responsible-ai", "CONTENT_POLICY"),
			Map.entry("azure-rate-limit", "RATE_LIMITED"), Map.entry("azure-unauthorized", "AUTH"),
			Map.entry("azure-deployment-not-found", "AUTH"), Map.entry("stream-overloaded", "TRANSIENT"),
			Map.entry("stream-overloaded-after-tokens", "TRANSIENT"), Map.entry("stream-api-error", "TRANSIENT"),
			Map.entry("stream-rate-limit", "RATE_LIMITED"), Map.entry("context-length", "CONTEXT_LENGTH"),
			Map.entry("context-limit-variant", "CONTEXT_LENGTH"), Map.entry("content-policy", "CONTENT_POLICY"),
			Map.entry("invalid-prompt", "CONTENT_POLICY"), Map.entry("insufficient-quota", "ACCOUNT"),
			Map.entry("usage-limits", "ACCOUNT"), Map.entry("billing", "ACCOUNT"),
			Map.entry("rate-limit-reset-headers", "RATE_LIMITED"));

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = ProviderErrorShapes.runner(sim);

	@BeforeEach
	void resetSimulator() {
		sim.model("safe-model").answer("a careful answer");
		sim.model("long-ctx").answer("read it all");
	}

	// --- Azure OpenAI (family 1)

	@Test
	void azureContentFilterWithNullTypeGoesToTheContentPolicyTier() {
		sim.model("gpt-primary").failWith(SimulatedError.azureContentFilter());
		this.runner.run((context) -> {
			ChatResponse response = call(context, "openai");
			assertThat(response.getResult().getOutput().getText()).isEqualTo("a careful answer");
			RoutingReceipt receipt = receipt(response);
			assertThat(outcomes(receipt)).containsExactly(OPENAI_PRIMARY + "=FAILED(CONTENT_POLICY)",
					SAFE + "=SUCCESS");
			assertThat(receipt.tier()).isEqualTo("safe");
			assertThat(requestedModels(sim)).containsExactly("gpt-primary", "safe-model");
		});
	}

	@Test
	void azureResponsibleAiInnerErrorUnderAGenericMessageGoesToTheContentPolicyTier() {
		sim.model("gpt-primary").failWith(SimulatedError.azureResponsibleAiPolicyViolation());
		this.runner.run((context) -> assertThat(outcomes(receipt(call(context, "openai"))))
			.containsExactly(OPENAI_PRIMARY + "=FAILED(CONTENT_POLICY)", SAFE + "=SUCCESS"));
	}

	@Test
	void azureRateLimitKeepsItsRetryAfterAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.azureRateLimited(Duration.ofSeconds(20)));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "openai"))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(RATE_LIMITED)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.COOLING_DOWN);
			assertThat(coolDownLeft(context, OPENAI_PRIMARY)).as("retry-after-ms 20000, not the 30 s default")
				.isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
			assertThat(outcomes(receipt(call(context, "openai")))).containsExactly(OPENAI_PRIMARY + "=COOLING_DOWN",
					OPENAI_BACKUP + "=SUCCESS");
			assertThat(sim.requests("gpt-primary")).hasSize(1);
		});
	}

	@Test
	void azureWrongKeyMarksTheMemberUnhealthyAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.azureUnauthorized());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "openai")))).containsExactly(OPENAI_PRIMARY + "=FAILED(AUTH)",
					OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.UNHEALTHY);
		});
	}

	@Test
	void azureMissingDeploymentMarksTheMemberUnhealthyAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.azureDeploymentNotFound());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "openai")))).containsExactly(OPENAI_PRIMARY + "=FAILED(AUTH)",
					OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.UNHEALTHY);
		});
	}

	// --- context-window variants (family 3)

	@Test
	void openAiInputTokensBeyondTheConfiguredLimitWithoutCodeGoesToTheLongContextTier() {
		sim.model("gpt-primary").failWith(SimulatedError.contextLimitVariant());
		this.runner.run((context) -> {
			RoutingReceipt receipt = receipt(call(context, "openai"));
			assertThat(outcomes(receipt)).containsExactly(OPENAI_PRIMARY + "=FAILED(CONTEXT_LENGTH)",
					LONG + "=SUCCESS");
			assertThat(receipt.tier()).isEqualTo("long");
		});
	}

	@Test
	void anthropicInputPlusMaxTokensBeyondTheWindowGoesToTheLongContextTier() {
		sim.model("claude-primary").failWith(SimulatedError.contextLimitVariant());
		this.runner.run((context) -> assertThat(outcomes(receipt(call(context, "anthropic"))))
			.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(CONTEXT_LENGTH)", LONG + "=SUCCESS"));
	}

	// --- content-policy variants (family 4)

	@Test
	void openAiInvalidPromptGoesToTheContentPolicyTier() {
		sim.model("gpt-primary").failWith(SimulatedError.invalidPrompt());
		this.runner.run((context) -> assertThat(outcomes(receipt(call(context, "openai"))))
			.containsExactly(OPENAI_PRIMARY + "=FAILED(CONTENT_POLICY)", SAFE + "=SUCCESS"));
	}

	// --- account trouble (family 5)

	@Test
	void openAiInsufficientQuotaMarksTheMemberUnavailableForAnHourAndFailsOver() {
		sim.model("gpt-primary").failWith(SimulatedError.insufficientQuota());
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "openai")))).containsExactly(OPENAI_PRIMARY + "=FAILED(ACCOUNT)",
					OPENAI_BACKUP + "=SUCCESS");
			assertThat(health(context).status(OPENAI_PRIMARY)).isEqualTo(MemberStatus.UNAVAILABLE);
			assertThat(health(context).coolingDownUntil(OPENAI_PRIMARY)).as("not a 30 s rate-limit cool-down").isNull();
			assertThat(unavailableLeft(context, OPENAI_PRIMARY)).isBetween(Duration.ofMinutes(59),
					Duration.ofMinutes(60));
			RoutingReceipt second = receipt(call(context, "openai"));
			assertThat(second.attempts().get(0).member()).isEqualTo(OPENAI_PRIMARY);
			assertThat(second.attempts().get(0).outcome().name()).as("skipped, not called").isNotEqualTo("FAILED");
			assertThat(sim.requests("gpt-primary")).as("no HTTP call while unavailable").hasSize(1);
		});
	}

	@Test
	void anthropicCreditBalanceTooLowMarksTheMemberUnavailableForTheConfiguredTime() {
		sim.model("claude-primary").failWith(SimulatedError.insufficientQuota());
		this.runner.withPropertyValues("llm.resilience.account-unavailable-duration=2h").run((context) -> {
			assertThat(outcomes(receipt(call(context, "anthropic"))))
				.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(ACCOUNT)", ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(unavailableLeft(context, ANTHROPIC_PRIMARY)).isBetween(Duration.ofMinutes(119),
					Duration.ofMinutes(120));
		});
	}

	@Test
	void anthropicUsageLimitsReachedIsAccountTrouble() {
		sim.model("claude-primary").failWith(SimulatedError.usageLimitsReached());
		this.runner.run((context) -> assertThat(outcomes(receipt(call(context, "anthropic"))))
			.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(ACCOUNT)", ANTHROPIC_BACKUP + "=SUCCESS"));
	}

	@Test
	void anthropicBillingError402IsAccountTrouble() {
		sim.model("claude-primary").failWith(SimulatedError.billingError());
		this.runner.run((context) -> assertThat(outcomes(receipt(call(context, "anthropic"))))
			.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(ACCOUNT)", ANTHROPIC_BACKUP + "=SUCCESS"));
	}

	@Test
	void unavailableMemberShowsOnTheEndpointAndInHealthAndTheEndpointResetBringsItBack() {
		sim.model("claude-primary").failWith(SimulatedError.insufficientQuota());
		this.runner.run((context) -> {
			call(context, "anthropic");
			LlmRoutesEndpoint endpoint = context.getBean(LlmRoutesEndpoint.class);
			assertThat(endpoint.tier("anthropic").members()).filteredOn((m) -> m.id().equals(ANTHROPIC_PRIMARY))
				.singleElement()
				.satisfies((m) -> assertThat(m.status()).isEqualTo("UNAVAILABLE"));
			Health health = context.getBean(LlmRoutingHealthIndicator.class).health(true);
			assertThat(health.getDetails()).containsEntry("unavailableMembers", List.of(ANTHROPIC_PRIMARY));
			assertThat(endpoint.breaker(ANTHROPIC_PRIMARY, "reset").getStatus()).isEqualTo(200);
			assertThat(health(context).status(ANTHROPIC_PRIMARY)).isEqualTo(MemberStatus.AVAILABLE);
			sim.model("claude-primary").failWith(null).answer("credit topped up");
			assertThat(outcomes(receipt(call(context, "anthropic")))).containsExactly(ANTHROPIC_PRIMARY + "=SUCCESS");
		});
	}

	@Test
	void whenEveryMemberHasAccountTroubleTheFailureCarriesTheReceipt() {
		sim.model("gpt-primary").failWith(SimulatedError.insufficientQuota());
		sim.model("claude-backup").failWith(SimulatedError.insufficientQuota());
		this.runner.run((context) -> {
			RoutingFailedException failure = routingFailure(catchThrowable(() -> call(context, "openai")));
			assertThat(failure).isNotNull();
			assertThat(outcomes(failure.getAttempts())).containsExactly(OPENAI_PRIMARY + "=FAILED(ACCOUNT)",
					OPENAI_BACKUP + "=FAILED(ACCOUNT)");
			assertThat(failure.getReceipt().succeeded()).isFalse();
			assertThat(failure.getMessage()).contains("FAILED(ACCOUNT");
		});
	}

	// --- quota 429 vs rate 429 (family 6)

	@Test
	void openAiRateLimitWithOnlyResetHeadersCoolsDownUntilTheExhaustedLimitResets() {
		sim.model("gpt-primary").failWith(SimulatedError.rateLimitedWithResetHeaders(Duration.ofMinutes(10)));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "openai"))))
				.containsExactly(OPENAI_PRIMARY + "=FAILED(RATE_LIMITED)", OPENAI_BACKUP + "=SUCCESS");
			assertThat(coolDownLeft(context, OPENAI_PRIMARY)).as("x-ratelimit-reset-tokens 10m0s")
				.isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
		});
	}

	@Test
	void anthropicRateLimitWithOnlyResetHeadersCoolsDownUntilTheExhaustedLimitResets() {
		sim.model("claude-primary").failWith(SimulatedError.rateLimitedWithResetHeaders(Duration.ofMinutes(10)));
		this.runner.run((context) -> {
			assertThat(outcomes(receipt(call(context, "anthropic"))))
				.containsExactly(ANTHROPIC_PRIMARY + "=FAILED(RATE_LIMITED)", ANTHROPIC_BACKUP + "=SUCCESS");
			assertThat(coolDownLeft(context, ANTHROPIC_PRIMARY)).as("anthropic-ratelimit-input-tokens-reset")
				.isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
		});
	}

	@Test
	void aRateLimitWithoutAnyWaitUsesTheConfiguredCooldown() {
		sim.model("gpt-primary").failWith(SimulatedError.rateLimited(null));
		this.runner.withPropertyValues("llm.resilience.rate-limit-cooldown=45s").run((context) -> {
			call(context, "openai");
			assertThat(coolDownLeft(context, OPENAI_PRIMARY)).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(45));
		});
	}

	@Test
	void everyNamedShapeFailsOverOnTheCallPathWithAReceipt() {
		assertThat(EXPECTED_KINDS).containsOnlyKeys(SimulatedError.shapeNames());
		for (String shape : SimulatedError.shapeNames()) {
			sim.reset();
			sim.model("safe-model").answer("a careful answer");
			sim.model("long-ctx").answer("read it all");
			sim.model("gpt-primary").failWith(SimulatedError.shape(shape));
			this.runner.run((context) -> {
				RoutingReceipt receipt = receipt(call(context, "openai"));
				assertThat(receipt.succeeded()).as(shape).isTrue();
				assertThat(receipt.attempts().get(0).member()).as(shape).isEqualTo(OPENAI_PRIMARY);
				assertThat(receipt.attempts().get(0).failure()).as(shape).isEqualTo(EXPECTED_KINDS.get(shape));
			});
		}
	}

	private static ChatResponse call(ApplicationContext context, String tier) {
		return context.getBean(RoutingChatModel.class)
			.call(new Prompt("hello", RoutingChatOptions.builder().tier(tier).build()));
	}

}
