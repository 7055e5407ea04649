package dev.orchestration.autoconfigure;

import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.classify.OrchestrationClassifierAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.budget.internal.DefaultRoutingBudget;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.cache.internal.ExactCacheAdvisor;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.classify.internal.TaskInferenceAdvisor;
import dev.orchestration.routing.RoutingBudget;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.shadow.internal.ShadowTraffic;
import dev.orchestration.shadow.internal.ShadowTrafficAdvisor;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Each feature's auto-configuration backs off when the application defines the bean
 * itself.
 */
class UserBeansTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationCacheAutoConfiguration.class,
				OrchestrationBudgetAutoConfiguration.class, OrchestrationCascadeAutoConfiguration.class,
				OrchestrationClassifierAutoConfiguration.class, OrchestrationShadowAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel");

	@Test
	void theCascadeBacksOffForTheApplicationsCascadeAdvisor() {
		CascadeAdvisor mine = mock(CascadeAdvisor.class);
		this.runner.withPropertyValues("llm.cascade.enabled=true")
			.withBean("myCascade", CascadeAdvisor.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(CascadeAdvisor.class)
				.getBean(CascadeAdvisor.class)
				.isSameAs(mine));
	}

	@Test
	void theClassifierBacksOffForTheApplicationsTaskInferenceAdvisor() {
		TaskInferenceAdvisor mine = mock(TaskInferenceAdvisor.class);
		this.runner.withPropertyValues("llm.routing.classifier.enabled=true")
			.withBean("myInference", TaskInferenceAdvisor.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(TaskInferenceAdvisor.class)
				.getBean(TaskInferenceAdvisor.class)
				.isSameAs(mine));
	}

	@Test
	void theBudgetBacksOffForTheApplicationsRoutingBudget() {
		RoutingBudget mine = mock(RoutingBudget.class);
		this.runner.withPropertyValues("llm.budget.daily-limit=1")
			.withBean("myBudget", RoutingBudget.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(DefaultRoutingBudget.class)
				.getBean(RoutingBudget.class)
				.isSameAs(mine));
	}

	@Test
	void shadowTrafficBacksOffForTheApplicationsShadowTraffic() {
		ShadowTraffic mine = mock(ShadowTraffic.class);
		this.runner.withPropertyValues("llm.shadow.enabled=true")
			.withBean("myShadow", ShadowTraffic.class, () -> mine)
			.run((context) -> {
				assertThat(context).hasSingleBean(ShadowTraffic.class).getBean(ShadowTraffic.class).isSameAs(mine);
				assertThat(context).hasSingleBean(ShadowTrafficAdvisor.class);
			});
	}

	@Test
	void theCacheBacksOffForTheApplicationsStore() {
		ResponseCacheStore mine = mock(ResponseCacheStore.class);
		this.runner.withPropertyValues("llm.cache.exact.enabled=true")
			.withBean("myStore", ResponseCacheStore.class, () -> mine)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(InMemoryResponseCacheStore.class)
					.getBean(ResponseCacheStore.class)
					.isSameAs(mine);
				assertThat(context).hasSingleBean(ExactCacheAdvisor.class);
			});
	}

}
