package dev.orchestration.it;

import java.time.Duration;
import java.time.Instant;

import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationRoutingHealthAutoConfiguration;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.test.simulator.ProviderSimulator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;

/**
 * Set-up shared by the real-provider error shape tests: an OpenAI-first tier and an
 * Anthropic-first tier (each with a backup on the other provider), a long-context tier
 * and a content-policy tier, the endpoint and health contributor on, escalation off (only
 * redirects leave the first tier).
 */
final class ProviderErrorShapes {

	static final String OPENAI_PRIMARY = "openai-gpt-primary";

	static final String OPENAI_BACKUP = "openai-claude-backup";

	static final String ANTHROPIC_PRIMARY = "anthropic-claude-primary";

	static final String ANTHROPIC_BACKUP = "anthropic-gpt-backup";

	static final String LONG = "long-long-ctx";

	static final String SAFE = "safe-safe-model";

	private ProviderErrorShapes() {
	}

	static ApplicationContextRunner runner(ProviderSimulator sim) {
		return SimulatedProviders.runner(sim)
			.withConfiguration(AutoConfigurations.of(OrchestrationEndpointAutoConfiguration.class,
					OrchestrationRoutingHealthAutoConfiguration.class))
			.withPropertyValues(props(member("openai", 0, "openAiChatModel", "gpt-primary"),
					member("openai", 1, "anthropicChatModel", "claude-backup"),
					member("anthropic", 0, "anthropicChatModel", "claude-primary"),
					member("anthropic", 1, "openAiChatModel", "gpt-backup"),
					member("long", 0, "anthropicChatModel", "long-ctx"),
					member("safe", 0, "openAiChatModel", "safe-model"),
					new String[] { "llm.routing.default-tier=openai", "llm.routing.long-context-tier=long",
							"llm.routing.content-policy-fallback-tier=safe",
							"llm.routing.escalate-on-tier-failure=false",
							"management.endpoint.llmroutes.access=UNRESTRICTED",
							"management.endpoints.web.exposure.include=*" }));
	}

	static MemberHealth health(ApplicationContext context) {
		return context.getBean(RoutingChatModel.class).getHealth();
	}

	/** How much longer the member cools down, measured now. */
	static Duration coolDownLeft(ApplicationContext context, String member) {
		return left(health(context).coolingDownUntil(member));
	}

	/** How much longer the member is unavailable for account trouble, measured now. */
	static Duration unavailableLeft(ApplicationContext context, String member) {
		return left(health(context).unavailableUntil(member));
	}

	private static Duration left(@Nullable Instant until) {
		return (until != null) ? Duration.between(Instant.now(), until) : Duration.ZERO;
	}

}
