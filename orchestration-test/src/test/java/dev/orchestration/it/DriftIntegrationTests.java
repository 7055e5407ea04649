package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.autoconfigure.OrchestrationEndpointAutoConfiguration;
import dev.orchestration.autoconfigure.audit.OrchestrationAuditAutoConfiguration;
import dev.orchestration.autoconfigure.drift.OrchestrationDriftAutoConfiguration;
import dev.orchestration.autoconfigure.drift.OrchestrationDriftHealthAutoConfiguration;
import dev.orchestration.drift.DriftCheckState;
import dev.orchestration.drift.DriftDetectedEvent;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.drift.DriftRecoveredEvent;
import dev.orchestration.drift.DriftReport;
import dev.orchestration.drift.internal.DriftHealthIndicator;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled drift checks over real HTTP: a tier's answers are made worse mid-test in the
 * simulator, the check's score falls below its baseline, the event and the health warning
 * follow and (when configured) the class policy stops choosing the tier until its answers
 * recover.
 */
class DriftIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim, Duration.ofSeconds(30))
		.withConfiguration(AutoConfigurations.of(OrchestrationAuditAutoConfiguration.class,
				OrchestrationDriftAutoConfiguration.class, OrchestrationDriftHealthAutoConfiguration.class,
				OrchestrationEndpointAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(DriftEvents.class)
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "cheap"),
				member("large", 0, "anthropicChatModel", "strong"),
				new String[] { "llm.tiers.small.models[0].price.input-per-million=1",
						"llm.tiers.small.models[0].price.output-per-million=2",
						"llm.tiers.large.models[0].price.input-per-million=10",
						"llm.tiers.large.models[0].price.output-per-million=30", "llm.routing.default-tier=large",
						"llm.routing.classes.classification.quality.small=0.9",
						"llm.routing.classes.classification.quality.large=0.95",
						"llm.routing.classes.classification.quality-floor=0.8",
						"management.endpoints.web.exposure.include=*", "llm.drift.checks.small-spam.tier=small",
						"llm.drift.checks.small-spam.interval=200ms", "llm.drift.checks.small-spam.initial-delay=0s",
						"llm.drift.checks.small-spam.max-drop=0.2",
						"llm.drift.checks.small-spam.cases[0].prompt=Is this spam? You won a prize",
						"llm.drift.checks.small-spam.cases[0].expected=spam",
						"llm.drift.checks.small-spam.cases[1].prompt=Is this spam? Lunch at noon?",
						"llm.drift.checks.small-spam.cases[1].expected=ham",
						"llm.drift.checks.small-spam.cases[2].prompt=Is this spam? Claim your prize now",
						"llm.drift.checks.small-spam.cases[2].expected=spam" }));

	@BeforeEach
	void goodAnswers() {
		sim.model("cheap").answers(DriftIntegrationTests::correct);
		sim.model("strong").answers(DriftIntegrationTests::correct);
	}

	@Test
	void aTierWhoseAnswersGetWorseRaisesTheEventAndTheHealthWarningLeavesTheClassPolicyAndReturnsWhenItRecovers() {
		this.runner.withPropertyValues("llm.drift.checks.small-spam.remove-on-drift=true").run((context) -> {
			DriftMonitor monitor = context.getBean(DriftMonitor.class);
			DriftEvents events = context.getBean(DriftEvents.class);
			await().atMost(WAIT).until(() -> state(monitor).runs() >= 2);
			assertThat(state(monitor).baseline()).as("the first run is the baseline").isEqualTo(1.0);
			assertThat(state(monitor).status()).isEqualTo("ok");
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(classified(context).tier()).isEqualTo("small");

			sim.model("cheap").answer("I am not sure");
			await().atMost(WAIT).until(() -> !events.detected.isEmpty());
			DriftDetectedEvent detected = events.detected.get(0);
			assertThat(detected.run().score()).isZero();
			assertThat(detected.run().baseline()).isEqualTo(1.0);
			assertThat(detected.excludedTier()).isEqualTo("small");
			Health drifted = health(context);
			assertThat(drifted.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(drifted.getDetails()).containsEntry("degraded", true);
			RoutingReceipt routed = classified(context);
			assertThat(routed.route().layer()).isEqualTo(RouteLayer.CLASS_POLICY);
			assertThat(routed.tier()).as("the drifted tier is out of the class policy").isEqualTo("large");
			assertThat(routed.route().reason()).contains("small unavailable");
			DriftReport report = context.getBean(LlmRoutesEndpoint.class).routes().drift();
			assertThat(report.excludedTiers()).containsExactly("small");
			assertThat(report.checks()).singleElement().satisfies((s) -> assertThat(s.status()).isEqualTo("drifted"));
			assertThat(context.getBean(MeterRegistry.class)
				.get("llm.drift.drifted")
				.tag("check", "small-spam")
				.gauge()
				.value()).isEqualTo(1.0);

			sim.model("cheap").answers(DriftIntegrationTests::correct);
			await().atMost(WAIT).until(() -> !events.recovered.isEmpty());
			assertThat(events.recovered.get(0).restoredTier()).isEqualTo("small");
			assertThat(events.detected).as("one event per episode").hasSize(1);
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(classified(context).tier()).as("back in the class policy").isEqualTo("small");
		});
	}

	@Test
	void withoutRemovalTheDriftedTierStaysInTheClassPolicyButTheWarningIsRaised() {
		this.runner.run((context) -> {
			DriftMonitor monitor = context.getBean(DriftMonitor.class);
			DriftEvents events = context.getBean(DriftEvents.class);
			await().atMost(WAIT).until(() -> state(monitor).runs() >= 1);
			sim.model("cheap").answer("spam");
			await().atMost(WAIT).until(() -> !events.detected.isEmpty());
			assertThat(events.detected.get(0).run().score()).as("2 of 3 right: a drop of 1/3 > 0.2")
				.isCloseTo(2.0 / 3, offset(1e-9));
			assertThat(events.detected.get(0).excludedTier()).isNull();
			assertThat(health(context).getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(classified(context).tier()).isEqualTo("small");
		});
	}

	@Test
	void aConfiguredBaselineIsUsedInsteadOfTheFirstRun() {
		sim.model("cheap").answer("spam");
		this.runner.withPropertyValues("llm.drift.checks.small-spam.baseline-score=1.0").run((context) -> {
			DriftEvents events = context.getBean(DriftEvents.class);
			await().atMost(WAIT).until(() -> !events.detected.isEmpty());
			assertThat(events.detected.get(0).run().baseline()).isEqualTo(1.0);
		});
	}

	private static String correct(RecordedRequest request) {
		return request.lastUserMessage().contains("prize") ? "spam" : "ham";
	}

	private static DriftCheckState state(DriftMonitor monitor) {
		return monitor.states().get(0);
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(DriftHealthIndicator.class).health(true);
	}

	private static RoutingReceipt classified(ApplicationContext context) {
		return RoutingReceipt
			.from(context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Is this spam? Meeting moved to 3pm")
				.options(RoutingChatOptions.builder().task("classification").tenant("acme"))
				.call()
				.chatResponse())
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class DriftEvents {

		final List<DriftDetectedEvent> detected = new CopyOnWriteArrayList<>();

		final List<DriftRecoveredEvent> recovered = new CopyOnWriteArrayList<>();

		@EventListener
		void on(DriftDetectedEvent event) {
			this.detected.add(event);
		}

		@EventListener
		void on(DriftRecoveredEvent event) {
			this.recovered.add(event);
		}

	}

}
