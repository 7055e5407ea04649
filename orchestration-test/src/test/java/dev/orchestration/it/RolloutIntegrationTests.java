package dev.orchestration.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.orchestration.autoconfigure.internal.RoutingReloader;
import dev.orchestration.it.support.MutableClock;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.rollout.CanaryRampEvent;
import dev.orchestration.rollout.CanaryState;
import dev.orchestration.rollout.CanaryStatus;
import dev.orchestration.rollout.ReloadOutcome;
import dev.orchestration.rollout.RolloutAdministration;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weights, canary ramps and reloads over the simulator with the real Spring AI clients:
 * first attempts follow the weights, a canary ramps on an injected clock and rolls back
 * when its model starts failing, a conversation keeps its member, and a reload changes
 * new requests while one in flight finishes on the old configuration.
 */
class RolloutIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final List<CanaryRampEvent> events = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(this.sim, Duration.ofSeconds(20))
		.withBean(Clock.class, () -> this.clock)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean("canaryEvents", ApplicationListener.class,
				() -> ApplicationListener.<CanaryRampEvent>forPayload(this.events::add))
		.withPropertyValues("llm.rollout.evaluation-interval=0");

	@Test
	void aMemberWeightedTwentyPercentServesTwentyPercentOfFirstAttempts() {
		this.runner
			.withPropertyValues(props(member("small", 0, "openAiChatModel", "model-a"),
					member("small", 1, "openAiChatModel", "model-b"),
					new String[] { "llm.tiers.small.models[0].weight=80", "llm.tiers.small.models[1].weight=20",
							"llm.rollout.sticky-assignment=none" }))
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				int toB = 0;
				for (int i = 0; i < 2000; i++) {
					RoutingReceipt receipt = receipt(client.prompt().user("question " + i).call().chatResponse());
					toB += "small-model-b".equals(receipt.attempts().get(0).member()) ? 1 : 0;
				}
				assertThat(toB / 20.0).as("percent of first attempts on the 20 %% member").isBetween(17.0, 23.0);
			});
	}

	@Test
	void aCanaryRampsStepByStepWhileHealthyAndRollsBackWithinOneWindowAfterErrors() {
		this.runner.withPropertyValues(canaryTier("llm.rollout.sticky-assignment=none")).run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			CanaryController canaries = context.getBean(CanaryController.class);
			assertThat(share(canaries)).isEqualTo(10.0);
			for (double expected : new double[] { 25.0, 50.0 }) {
				// 200, not 100: at a 10 % share, 100 random assignments leave the canary
				// under the guards' 5 requests about once in 40 runs (binomial), and the
				// ramp rightly holds; with 200 that is about once in 100,000
				send(client, 200);
				canaries.evaluate();
				assertThat(share(canaries)).as("held before the step's duration passed").isLessThan(expected);
				this.clock.advance(Duration.ofSeconds(61));
				canaries.evaluate();
				assertThat(share(canaries)).isEqualTo(expected);
			}
			assertThat(this.events).extracting(CanaryRampEvent::kind)
				.containsExactly(CanaryRampEvent.Kind.ADVANCED, CanaryRampEvent.Kind.ADVANCED);

			this.sim.model("model-canary").errorRate(1.0, SimulatedError.serverError());
			Instant injected = this.clock.instant();
			while (canaries.statuses().get(0).state() != CanaryState.ROLLED_BACK
					&& this.clock.instant().isBefore(injected.plus(Duration.ofMinutes(2)))) {
				List<RoutingReceipt> receipts = send(client, 20);
				assertThat(receipts).allMatch(RoutingReceipt::succeeded);
				this.clock.advance(Duration.ofSeconds(5));
				canaries.evaluate();
			}
			CanaryStatus status = canaries.statuses().get(0);
			assertThat(status.state()).as("rolled back within one guard window (2m)")
				.isEqualTo(CanaryState.ROLLED_BACK);
			assertThat(status.sharePercent()).isZero();
			assertThat(status.rollbackReason()).startsWith("error rate");
			assertThat(this.events).last()
				.extracting(CanaryRampEvent::kind)
				.isEqualTo(CanaryRampEvent.Kind.ROLLED_BACK);
			RolloutAdministration.Report report = context.getBean(RolloutAdministration.class).report();
			assertThat(report.canaries()).singleElement().satisfies((shown) -> {
				assertThat(shown.member()).isEqualTo("small-model-canary");
				assertThat(shown.rollbackReason()).isEqualTo(status.rollbackReason());
				assertThat(shown.guards().errorRate()).isGreaterThan(0.2);
			});
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("llm.canary.share").tag("member", "small-model-canary").gauge().value()).isZero();
			assertThat(meters.get("llm.canary.rollbacks").counter().count()).isEqualTo(1.0);
			List<RoutingReceipt> after = send(client, 100);
			assertThat(after).noneMatch((r) -> "small-model-canary".equals(r.attempts().get(0).member()));
		});
	}

	@Test
	void theRolloutThreadEvaluatesCanariesOnItsOwn() {
		this.runner.withPropertyValues(canaryTier("llm.rollout.evaluation-interval=50ms")).run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			CanaryController canaries = context.getBean(CanaryController.class);
			for (int i = 0; i < 3; i++) {
				canaries.act("small-model-canary", "advance");
			}
			assertThat(share(canaries)).isEqualTo(100.0);
			this.sim.model("model-canary").errorRate(1.0, SimulatedError.serverError());
			assertThat(send(client, 10)).allMatch(RoutingReceipt::succeeded);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			// the state changes before the event is published: wait for both
			while ((canaries.statuses().get(0).state() != CanaryState.ROLLED_BACK
					|| this.events.stream().noneMatch((e) -> e.kind() == CanaryRampEvent.Kind.ROLLED_BACK))
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(canaries.statuses().get(0).state()).isEqualTo(CanaryState.ROLLED_BACK);
			assertThat(this.events).extracting(CanaryRampEvent::kind).contains(CanaryRampEvent.Kind.ROLLED_BACK);
		});
	}

	@Test
	void aConversationStaysOnOneMemberWhileItsShareAllows() {
		this.runner.withPropertyValues(canaryTier()).run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			Map<String, String> firstMember = new HashMap<>();
			for (int round = 0; round < 3; round++) {
				for (int c = 0; c < 60; c++) {
					String conversation = "conversation-" + c;
					String member = firstAttempt(client, conversation);
					assertThat(firstMember.putIfAbsent(conversation, member) == null
							|| firstMember.get(conversation).equals(member))
						.as("%s stays on %s", conversation, firstMember.get(conversation))
						.isTrue();
				}
			}
			assertThat(new HashSet<>(firstMember.values())).contains("small-model-a", "small-model-canary");
			context.getBean(CanaryController.class).act("small-model-canary", "advance");
			for (Map.Entry<String, String> entry : firstMember.entrySet()) {
				if (entry.getValue().equals("small-model-canary")) {
					assertThat(firstAttempt(client, entry.getKey())).as("a canary conversation after the share grew")
						.isEqualTo("small-model-canary");
				}
			}
		});
	}

	@Test
	void aValidReloadChangesNewRequestsWhileASlowOneFinishesOnTheOldConfiguration() {
		this.runner
			.withPropertyValues(props(member("small", 0, "openAiChatModel", "model-a"),
					member("large", 0, "openAiChatModel", "model-large")))
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				RoutingReloader reloader = context.getBean(RoutingReloader.class);
				assertThat(receipt(client.prompt().user("before").call().chatResponse()).configVersion()).isEqualTo(1);
				this.sim.model("model-a").latency(Duration.ofMillis(1500));
				int before = this.sim.model("model-a").callCount();
				CompletableFuture<RoutingReceipt> slow = CompletableFuture
					.supplyAsync(() -> receipt(client.prompt().user("slow one").call().chatResponse()));
				long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (this.sim.model("model-a").callCount() == before && System.nanoTime() < waitUntil) {
					Thread.sleep(5);
				}
				ReloadOutcome outcome = reloader.reload(Map.of("llm.tiers.small.models[1].chat-model",
						"openAiChatModel", "llm.tiers.small.models[1].model", "model-new",
						"llm.tiers.small.models[1].weight", "100", "llm.tiers.small.models[0].weight", "0",
						"llm.routing.rules[0].when.task", "classification", "llm.routing.rules[0].tier", "large"));
				assertThat(outcome.accepted()).as(String.valueOf(outcome)).isTrue();
				assertThat(outcome.version()).isEqualTo(2);

				RoutingReceipt fresh = receipt(client.prompt().user("after").call().chatResponse());
				assertThat(fresh.member()).isEqualTo("small-model-new");
				assertThat(fresh.configVersion()).isEqualTo(2);
				RoutingReceipt classified = receipt(client.prompt()
					.user("after")
					.options(RoutingChatOptions.builder().task("classification"))
					.call()
					.chatResponse());
				assertThat(classified.tier()).isEqualTo("large");
				assertThat(classified.route().reason()).startsWith("rule[0]");

				RoutingReceipt inFlight = slow.get(20, TimeUnit.SECONDS);
				assertThat(inFlight.member()).isEqualTo("small-model-a");
				assertThat(inFlight.configVersion()).as("the in-flight request kept its configuration").isEqualTo(1);
			});
	}

	@Test
	void anInvalidReloadIsRefusedNamingThePropertyAndTheOldConfigurationKeepsServing() {
		this.runner.withPropertyValues(props(member("small", 0, "openAiChatModel", "model-a"))).run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			RoutingReloader reloader = context.getBean(RoutingReloader.class);
			ReloadOutcome weight = reloader.reload(Map.of("llm.tiers.small.models[0].weight", "-1"));
			assertThat(weight.accepted()).isFalse();
			assertThat(weight.property()).isEqualTo("llm.tiers.small.models[0].weight");
			assertThat(weight.fix()).contains("weight of 0 or more");
			ReloadOutcome bean = reloader.reload(Map.of("llm.tiers.small.models[1].chat-model", "noSuchChatModel"));
			assertThat(bean.accepted()).isFalse();
			assertThat(bean.property()).isEqualTo("llm.tiers.small.models[1].chat-model");
			ReloadOutcome newTier = reloader.reload(Map.of("llm.tiers.extra.models[0].chat-model", "openAiChatModel"));
			assertThat(newTier.property()).isEqualTo("llm.tiers");
			assertThat(newTier.fix()).contains("restart");

			RoutingReceipt served = receipt(client.prompt().user("still served").call().chatResponse());
			assertThat(served.member()).isEqualTo("small-model-a");
			assertThat(served.configVersion()).isEqualTo(1);
			RolloutAdministration.Report report = reloader.report();
			assertThat(report.configVersion()).isEqualTo(1);
			assertThat(report.lastRefused()).isNotNull();
			assertThat(report.lastRefused().property()).isEqualTo("llm.tiers");
		});
	}

	@Test
	void aChangedReloadFileIsReloadedAndAnInvalidOneIsRefused(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("llm-routing.properties");
		Files.writeString(file, "llm.routing.default-tier=small\n");
		this.runner
			.withPropertyValues(props(member("small", 0, "openAiChatModel", "model-a"),
					member("large", 0, "openAiChatModel", "model-large"),
					new String[] { "llm.routing.default-tier=large", "llm.rollout.reload.file=" + file,
							"llm.rollout.reload.poll-interval=50ms" }))
			.run((context) -> {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				RoutingReloader reloader = context.getBean(RoutingReloader.class);
				awaitVersion(reloader, 2);
				RoutingReceipt receipt = receipt(
						client.prompt().user("a question of some length").call().chatResponse());
				assertThat(receipt.tier()).isEqualTo("small");
				assertThat(receipt.configVersion()).isEqualTo(2);
				Files.writeString(file, "llm.routing.default-tier=nowhere\n");
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
				while (reloader.report().lastRefused() == null && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(reloader.report().lastRefused()).isNotNull();
				assertThat(reloader.report().lastRefused().property()).isEqualTo("llm.routing.default-tier");
				assertThat(reloader.report().lastRefused().source()).isEqualTo("file");
				assertThat(receipt(client.prompt().user("a question of some length").call().chatResponse()).tier())
					.isEqualTo("small");
			});
	}

	private static void awaitVersion(RoutingReloader reloader, long version) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (reloader.report().configVersion() < version && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(reloader.report().configVersion()).as("version after the reload file was read").isEqualTo(version);
	}

	private static String[] canaryTier(String... more) {
		String canary = "llm.tiers.small.models[1].canary.";
		return props(member("small", 0, "openAiChatModel", "model-a"),
				member("small", 1, "openAiChatModel", "model-canary"),
				new String[] { canary + "steps[0].share=10", canary + "steps[0].duration=1m",
						canary + "steps[1].share=25", canary + "steps[1].duration=1m", canary + "steps[2].share=50",
						canary + "steps[2].duration=1m", canary + "steps[3].share=100", canary + "guards.window=2m",
						canary + "guards.min-requests=5", canary + "guards.max-error-rate=0.2" },
				more);
	}

	private static double share(CanaryController canaries) {
		return canaries.statuses().get(0).sharePercent();
	}

	private static List<RoutingReceipt> send(RoutingChatClient client, int requests) {
		List<RoutingReceipt> receipts = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			receipts.add(receipt(client.prompt().user("question " + i).call().chatResponse()));
		}
		return receipts;
	}

	private static String firstAttempt(RoutingChatClient client, String conversation) {
		return receipt(client.prompt()
			.user("next turn")
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.chatResponse()).attempts().get(0).member();
	}

}
