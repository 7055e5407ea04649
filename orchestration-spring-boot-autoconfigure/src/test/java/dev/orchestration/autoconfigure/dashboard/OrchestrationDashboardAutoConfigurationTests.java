package dev.orchestration.autoconfigure.dashboard;

import java.util.regex.Pattern;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.dashboard.internal.LlmDashboardEndpoint;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestrationDashboardAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
						Resilience4JAutoConfiguration.class, OrchestrationAutoConfiguration.class,
						OrchestrationEndpointAutoConfiguration.class, OrchestrationDashboardAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel",
				"management.endpoints.web.exposure.include=llm-routes,llm-dashboard");

	@Test
	void theDashboardIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmDashboardEndpoint.class));
	}

	@Test
	void onePropertyTurnsTheDashboardOn() {
		this.runner.withPropertyValues("llm.dashboard.enabled=true", "llm.dashboard.refresh-interval=750ms")
			.run((context) -> {
				String page = context.getBean(LlmDashboardEndpoint.class).page();
				assertThat(page).startsWith("<!DOCTYPE html>")
					.contains("REFRESH_MILLIS = 750;")
					.doesNotContain("__REFRESH_MILLIS__")
					.doesNotContain("__WINDOW_MILLIS__");
			});
	}

	@Test
	void theDashboardIsNotServedWhenItIsNotExposed() {
		this.runner
			.withPropertyValues("llm.dashboard.enabled=true", "management.endpoints.web.exposure.include=llm-routes")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmDashboardEndpoint.class));
	}

	@Test
	void thePageLoadsNothingFromOutsideSoItWorksOffline() {
		String page = new LlmDashboardEndpoint(java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(5)).page();
		assertThat(
				Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(page).find())
			.as("no external script, style or link")
			.isFalse();
		assertThat(page).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(http");
		assertThat(page).as("data is written as text, never parsed as HTML").doesNotContain("innerHTML");
	}

}
