package dev.orchestration.autoconfigure.budget;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.autoconfigure.StartupFailures;
import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.budget.BudgetPolicy;
import dev.orchestration.budget.BudgetStore;
import dev.orchestration.budget.internal.DefaultRoutingBudget;
import dev.orchestration.budget.internal.InMemoryBudgetStore;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingBudget;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrchestrationBudgetAutoConfigurationTests {

	// budget auto-configuration listed first: the order of the list must not matter
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OrchestrationBudgetAutoConfiguration.class,
				CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
				Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withBean("strongModel", ChatModel.class, () -> new ScriptedChatModel("strong"))
		.withBean(FakeHttpException.Extractor.class)
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.tiers.small.models[0].model=mini",
				"llm.tiers.small.models[0].price.input-per-million=1000",
				"llm.tiers.small.models[0].price.output-per-million=2000",
				"llm.tiers.large.models[0].chat-model=strongModel", "llm.tiers.large.models[0].model=big",
				"llm.tiers.large.models[0].price.input-per-million=10000",
				"llm.tiers.large.models[0].price.output-per-million=20000");

	@Test
	void withoutLimitsBudgetsAreOff() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RoutingBudget.class));
	}

	@Test
	void aLimitSwitchesBudgetsOnAndTheRouterUsesThem() {
		this.runner.withPropertyValues("llm.budget.daily-limit=0.3").run((context) -> {
			assertThat(context).hasSingleBean(DefaultRoutingBudget.class)
				.hasSingleBean(InMemoryBudgetStore.class)
				.hasSingleBean(BudgetAdministration.class);
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			// scripted calls cost 100 x 0.001 + 20 x 0.002 = 0.14, estimated at 2 x 0.001
			// + 50 x 0.002 = 0.102
			ask(client);
			ask(client);
			assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> ask(client))
				.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(BudgetExceededException.Limit.DAILY));
		});
	}

	@Test
	void enabledWithoutLimitsCountsSpend() {
		this.runner.withPropertyValues("llm.budget.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(DefaultRoutingBudget.class);
			assertThat(context.getBean(DefaultRoutingBudget.class).getPolicy().hasLimits()).isFalse();
			ask(context.getBean(RoutingChatClient.class));
			assertThat(context.getBean(BudgetAdministration.class).report().global().get(0).spent()).isEqualTo(0.14);
		});
	}

	@Test
	void disabledBacksOffEvenWithLimits() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", "llm.budget.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RoutingBudget.class));
	}

	@Test
	void propertiesBindToThePolicy() {
		this.runner
			.withPropertyValues("llm.budget.per-request-max=0.5", "llm.budget.monthly-limit=100",
					"llm.budget.per-tenant.daily-limit=2", "llm.budget.tenants.vip.daily-limit=20",
					"llm.budget.policy=downgrade", "llm.budget.alert-thresholds=0.9,0.25",
					"llm.budget.zone=Europe/Paris", "llm.budget.default-max-output-tokens=256")
			.run((context) -> {
				BudgetPolicy policy = context.getBean(DefaultRoutingBudget.class).getPolicy();
				assertThat(policy.perRequestMax()).isEqualTo(0.5);
				assertThat(policy.global().monthly()).isEqualTo(100);
				assertThat(policy.global().daily()).isNull();
				assertThat(policy.limitsOf("acme").daily()).isEqualTo(2);
				assertThat(policy.limitsOf("vip").daily()).isEqualTo(20);
				assertThat(policy.onLimit()).isEqualTo(BudgetPolicy.OnLimit.DOWNGRADE);
				assertThat(policy.alertThresholds()).containsExactly(0.25, 0.9);
				assertThat(policy.zone().getId()).isEqualTo("Europe/Paris");
				assertThat(policy.defaultMaxOutputTokens()).isEqualTo(256);
			});
	}

	@Test
	void aUserRoutingBudgetReplacesTheDefaultOne() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1")
			.withBean("myBudget", RoutingBudget.class, () -> RoutingBudget.UNLIMITED::reserve)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DefaultRoutingBudget.class)
				.hasSingleBean(RoutingBudget.class));
	}

	@Test
	void aUserBudgetStoreIsUsed() {
		InMemoryBudgetStore mine = new InMemoryBudgetStore();
		this.runner.withPropertyValues("llm.budget.daily-limit=1")
			.withBean("myStore", BudgetStore.class, () -> mine)
			.run((context) -> assertThat(context.getBean(DefaultRoutingBudget.class).getStore()).isSameAs(mine));
	}

	@Test
	void theEndpointShowsSpendAgainstLimit() {
		this.runner.withConfiguration(AutoConfigurations.of(OrchestrationEndpointAutoConfiguration.class))
			.withPropertyValues("llm.budget.daily-limit=2", "management.endpoints.web.exposure.include=*")
			.run((context) -> {
				ask(context.getBean(RoutingChatClient.class));
				BudgetAdministration.Report budget = context.getBean(LlmRoutesEndpoint.class).routes().budget();
				assertThat(budget).isNotNull();
				assertThat(budget.global().get(0).limit()).isEqualTo(2.0);
				assertThat(budget.global().get(0).spent()).isEqualTo(0.14);
			});
	}

	@Test
	void negativeGlobalLimitFailsStartup() {
		assertFailure("llm.budget.daily-limit=-1", "llm.budget.daily-limit");
		assertFailure("llm.budget.monthly-limit=-0.01", "llm.budget.monthly-limit");
	}

	@Test
	void negativePerRequestMaxFailsStartup() {
		assertFailure("llm.budget.per-request-max=-0.5", "llm.budget.per-request-max");
	}

	@Test
	void negativeTenantLimitsFailStartup() {
		assertFailure("llm.budget.per-tenant.daily-limit=-2", "llm.budget.per-tenant.daily-limit");
		assertFailure("llm.budget.tenants.acme.monthly-limit=-3", "llm.budget.tenants.acme.monthly-limit");
	}

	@Test
	void thresholdsOutsideZeroToOneFailStartup() {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", "llm.budget.alert-thresholds=0.5,1.5")
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("llm.budget.alert-thresholds[1]");
				assertThat(ex.getProblem()).contains("outside (0, 1]");
			}));
		assertFailure("llm.budget.alert-thresholds=0", "llm.budget.alert-thresholds[0]");
	}

	@Test
	void badZoneAndOutputTokensFailStartup() {
		assertFailure("llm.budget.zone=Mars/Olympus", "llm.budget.zone");
		assertFailure("llm.budget.default-max-output-tokens=0", "llm.budget.default-max-output-tokens");
	}

	@Test
	void redisStoreWithoutConnectionFactoryFailsStartup() {
		assertFailure("llm.budget.store=redis", "llm.budget.store");
	}

	private void assertFailure(String property, String expected) {
		this.runner.withPropertyValues("llm.budget.daily-limit=1", property)
			.run((context) -> assertThat(failure(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(expected);
				assertThat(ex.getAction()).isNotBlank();
			}));
	}

	private static void ask(RoutingChatClient client) {
		client.prompt("hello").options(RoutingChatOptions.builder().maxTokens(50).tier("small")).call().content();
	}

	private static InvalidOrchestrationConfigurationException failure(AssertableApplicationContext context) {
		return StartupFailures.failure(context);
	}

}
