package dev.orchestration.it;

import java.time.Duration;
import java.util.Map;

import dev.orchestration.autoconfigure.warmup.OrchestrationWarmUpAutoConfiguration;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import dev.orchestration.warmup.internal.MemberWarmUp;
import dev.orchestration.warmup.internal.MemberWarmUp.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional warm-up of member clients, over real HTTP to the simulator: one cheap call
 * per member, a member that is down or hangs never fails it, and it is off unless
 * enabled.
 */
class WarmUpIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	// a generous client timeout: a loaded machine must not turn a slow answer into a
	// failure here
	private final ApplicationContextRunner runner = SimulatedProviders.runner(this.sim, Duration.ofSeconds(30))
		.withConfiguration(AutoConfigurations.of(OrchestrationWarmUpAutoConfiguration.class))
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "warm-a"),
				member("small", 1, "anthropicChatModel", "warm-b"), member("big", 0, "openAiChatModel", "warm-c")));

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MemberWarmUp.class));
	}

	@Test
	void sendsOneCheapRequestToEveryMemberAndSurvivesAMemberThatIsDown() {
		this.sim.model("warm-a").answer("pong");
		this.sim.model("warm-b").failWith(SimulatedError.serverError());
		this.sim.model("warm-c").answer("pong");
		this.runner.withPropertyValues("llm.warm-up.enabled=true", "llm.warm-up.timeout=60s").run((context) -> {
			Map<String, Outcome> outcomes = context.getBean(MemberWarmUp.class).warmUp();
			assertThat(outcomes).containsEntry("small-warm-a", Outcome.WARM)
				.containsEntry("small-warm-b", Outcome.FAILED)
				.containsEntry("big-warm-c", Outcome.WARM);
			assertThat(this.sim.requests("warm-a")).singleElement()
				.satisfies((request) -> assertThat(request.json().path("max_tokens").asInt(-1)
						+ request.json().path("max_completion_tokens").asInt(-1))
					.isEqualTo(0));
			assertThat(this.sim.requests("warm-b")).hasSize(1);
			assertThat(this.sim.requests("warm-c")).hasSize(1);
		});
	}

	@Test
	void aMemberThatHangsDoesNotHoldStartUpPastTheTimeout() {
		this.sim.model("warm-a").hang();
		this.sim.model("warm-b").hang();
		this.sim.model("warm-c").hang();
		this.runner.withPropertyValues("llm.warm-up.enabled=true", "llm.warm-up.timeout=1s").run((context) -> {
			Map<String, Outcome> outcomes = context.getBean(MemberWarmUp.class).warmUp();
			assertThat(outcomes).containsOnly(Map.entry("small-warm-a", Outcome.TIMED_OUT),
					Map.entry("small-warm-b", Outcome.TIMED_OUT), Map.entry("big-warm-c", Outcome.TIMED_OUT));
		});
	}

	@Test
	void aBadTimeoutFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.warm-up.enabled=true", "llm.warm-up.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("llm.warm-up.timeout"));
	}

}
