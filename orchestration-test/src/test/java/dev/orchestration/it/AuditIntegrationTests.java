package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.orchestration.audit.AuditOutcome;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditRecordJson;
import dev.orchestration.audit.AuditSource;
import dev.orchestration.audit.RoutingAuditSink;
import dev.orchestration.audit.internal.AuditHealthIndicator;
import dev.orchestration.autoconfigure.audit.OrchestrationAuditAutoConfiguration;
import dev.orchestration.autoconfigure.audit.OrchestrationAuditHealthAutoConfiguration;
import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.it.support.RedisTestServer;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One audit record per request over real HTTP, for every way a request ends (answered,
 * failed, refused, cached, escalated), with the redaction and opt-in rules, and sinks
 * that fail or hang without touching requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final RecordingSink sink = new RecordingSink();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim, Duration.ofSeconds(30))
		.withConfiguration(AutoConfigurations.of(OrchestrationAuditAutoConfiguration.class,
				OrchestrationAuditHealthAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "cheap"),
				member("small", 1, "anthropicChatModel", "cheap-backup"),
				member("large", 0, "anthropicChatModel", "strong"),
				new String[] { "llm.tiers.small.models[0].price.input-per-million=1",
						"llm.tiers.small.models[0].price.output-per-million=2",
						"llm.tiers.small.models[1].price.input-per-million=1",
						"llm.tiers.small.models[1].price.output-per-million=2",
						"llm.tiers.large.models[0].price.input-per-million=10",
						"llm.tiers.large.models[0].price.output-per-million=30", "llm.routing.default-tier=large",
						"llm.routing.rules[0].when.task=classification", "llm.routing.rules[0].tier=small",
						"llm.routing.escalate-on-tier-failure=false", "llm.audit.enabled=true" }));

	private ApplicationContextRunner recorded() {
		return this.runner.withBean("recordingSink", RoutingAuditSink.class, () -> this.sink);
	}

	@BeforeEach
	void answers() {
		sim.model("cheap").answer("spam");
		sim.model("cheap-backup").answer("spam");
		sim.model("strong").answer("strong answer");
	}

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void anAnsweredRequestIsRecordedWithRouteAttemptsTokensCostAndTraceButNoText() {
		recorded().run((context) -> {
			MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
			MDC.put("spanId", "00f067aa0ba902b7");
			ask(context, "Is this spam? You won a prize", "classification", "acme");
			AuditRecord record = this.sink.single();
			assertThat(record.outcome()).isEqualTo(AuditOutcome.ANSWERED);
			assertThat(record.source()).isEqualTo(AuditSource.CLIENT);
			assertThat(record.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(record.spanId()).isEqualTo("00f067aa0ba902b7");
			assertThat(record.tenant()).isEqualTo("acme");
			assertThat(record.task()).isEqualTo("classification");
			assertThat(record.taskSource()).isEqualTo("hint");
			assertThat(record.route().layer()).isEqualTo(RouteLayer.RULE);
			assertThat(record.route().tier()).isEqualTo("small");
			assertThat(record.route().reason()).contains("classification");
			assertThat(record.configVersion()).as("the configuration version at start-up").isEqualTo("1");
			assertThat(record.member()).isEqualTo("small-cheap");
			assertThat(record.model()).isEqualTo("cheap");
			assertThat(record.attempts()).singleElement().satisfies((attempt) -> {
				assertThat(attempt.member()).isEqualTo(record.member());
				assertThat(attempt.model()).isEqualTo("cheap");
				assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
				assertThat(attempt.promptTokens()).isPositive();
				assertThat(attempt.completionTokens()).isPositive();
				assertThat(attempt.cost()).isPositive();
			});
			assertThat(record.cost()).isEqualTo(record.attempts().get(0).cost());
			assertThat(record.cache()).isNull();
			assertThat(record.cascade()).isNull();
			assertThat(record.prompt()).isNull();
			assertThat(record.answer()).isNull();
			assertThat(AuditRecordJson.write(record)).doesNotContain("You won a prize").doesNotContain("\"spam\"");
		});
	}

	@Test
	void aFailedRequestIsRecordedWithEveryFailedAttemptAndTheError() {
		sim.model("cheap").failWith(SimulatedError.serverError());
		sim.model("cheap-backup").failWith(SimulatedError.serverError());
		recorded().run((context) -> {
			assertThatThrownBy(() -> ask(context, "Is this spam?", "classification", "acme"))
				.isInstanceOf(RoutingFailedException.class);
			AuditRecord record = this.sink.single();
			assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
			assertThat(record.member()).isNull();
			assertThat(record.attempts()).extracting((a) -> a.member() + "=" + a.outcome())
				.containsExactly("small-cheap=FAILED", "small-cheap-backup=FAILED");
			assertThat(record.errorType()).isEqualTo("RoutingFailedException");
			assertThat(record.error()).contains("No member of tier 'small'");
		});
	}

	@Test
	void aRequestRefusedByTheBudgetIsRecordedAsRefused() {
		recorded().withConfiguration(AutoConfigurations.of(OrchestrationBudgetAutoConfiguration.class))
			.withPropertyValues("llm.budget.per-request-max=0.0000001")
			.run((context) -> {
				assertThatThrownBy(() -> ask(context, "Explain relativity", null, "acme"))
					.isInstanceOf(BudgetExceededException.class);
				AuditRecord record = this.sink.single();
				assertThat(record.outcome()).isEqualTo(AuditOutcome.REFUSED);
				assertThat(record.errorType()).isEqualTo("BudgetExceededException");
				assertThat(record.route().tier()).isEqualTo("large");
				assertThat(record.cost()).isZero();
				assertThat(sim.requests()).as("nothing was sent").isEmpty();
			});
	}

	@Test
	void aCacheHitIsRecordedWithItsLayerAndNoAttempts() {
		recorded().withConfiguration(AutoConfigurations.of(OrchestrationCacheAutoConfiguration.class))
			.withPropertyValues("llm.cache.exact.enabled=true", "llm.cache.semantic.enabled=false")
			.run((context) -> {
				ask(context, "Is this spam? Cheap pills", "classification", "acme");
				ask(context, "Is this spam? Cheap pills", "classification", "acme");
				await().atMost(WAIT).until(() -> this.sink.records.size() == 2);
				AuditRecord miss = this.sink.records.get(0);
				AuditRecord hit = this.sink.records.get(1);
				assertThat(miss.outcome()).isEqualTo(AuditOutcome.ANSWERED);
				assertThat(hit.outcome()).isEqualTo(AuditOutcome.CACHED);
				assertThat(hit.cache().layer()).isEqualTo("exact");
				assertThat(hit.cache().originalCost()).isEqualTo(miss.cost());
				assertThat(hit.attempts()).isEmpty();
				assertThat(hit.cost()).isZero();
				assertThat(hit.member()).as("who made the cached answer").isEqualTo(miss.member());
				assertThat(hit.route().layer()).isEqualTo(RouteLayer.RULE);
				assertThat(sim.requests()).hasSize(1);
			});
	}

	@Test
	void anEscalatedRequestIsRecordedWithTheCascadeVerdictsAndTheAttemptsOfEveryStep() {
		sim.model("cheap").answer("I'm sorry, but I can't help with that.");
		recorded().withConfiguration(AutoConfigurations.of(OrchestrationCascadeAutoConfiguration.class))
			.withPropertyValues("llm.cascade.enabled=true", "llm.cascade.path=small,large",
					"llm.routing.default-tier=small")
			.run((context) -> {
				ask(context, "Summarise the report", null, "acme");
				AuditRecord record = this.sink.single();
				assertThat(record.outcome()).isEqualTo(AuditOutcome.ESCALATED);
				assertThat(record.route().layer()).as("the first route").isEqualTo(RouteLayer.DEFAULT);
				assertThat(record.tier()).isEqualTo("large");
				assertThat(record.attempts()).extracting((a) -> a.tier() + ":" + a.outcome())
					.containsExactly("small:SUCCESS", "large:SUCCESS");
				assertThat(record.cascade().escalations()).isEqualTo(1);
				assertThat(record.cascade().outcome()).isEqualTo("accepted");
				assertThat(record.cascade().steps().get(0).rejection().verifier()).isEqualTo("refusal");
				assertThat(record.cost()).isEqualTo(record.attempts().get(0).cost() + record.attempts().get(1).cost());
			});
	}

	@Test
	void promptAndAnswerAreRecordedOnlyWhenOptedInAndAlwaysRedacted() {
		String prompt = "Is this spam? Mail bob.smith@example.com with key sk-proj-abcdefghijklmnop1234 order ACME-123456";
		recorded()
			.withPropertyValues("llm.audit.include-prompt=true", "llm.audit.include-answer=true",
					"llm.audit.redaction.patterns[0]=ACME-[0-9]{6}")
			.run((context) -> {
				ask(context, prompt, "classification", "carol@example.org");
				AuditRecord record = this.sink.single();
				assertThat(record.prompt()).startsWith("Is this spam?")
					.doesNotContain("bob.smith@example.com")
					.doesNotContain("sk-proj-abcdefghijklmnop1234")
					.doesNotContain("ACME-123456")
					.contains("[REDACTED]");
				assertThat(record.answer()).isEqualTo("spam");
				assertThat(record.tenant()).isEqualTo("[REDACTED]");
			});
	}

	@Test
	void theDefaultSinkWritesJsonLinesThroughTheAuditLogger(CapturedOutput output) {
		this.runner.run((context) -> {
			ask(context, "Is this spam? Free money", "classification", "acme");
			await().atMost(WAIT).until(() -> output.getOut().contains("\"outcome\":\"ANSWERED\""));
			String line = output.getOut()
				.lines()
				.filter((l) -> l.contains("\"outcome\":\"ANSWERED\""))
				.findFirst()
				.orElseThrow();
			assertThat(line).contains("llm.audit").contains("\"tenant\":\"acme\"").doesNotContain("Free money");
			AuditRecord record = AuditRecordJson.read(line.substring(line.indexOf('{')));
			assertThat(record.member()).isEqualTo("small-cheap");
		});
	}

	@Test
	void aFailingSinkNeverFailsARequestAndShowsInMetersAndHealth() {
		RoutingAuditSink broken = (record) -> {
			throw new IllegalStateException("audit database down");
		};
		this.runner.withBean("brokenSink", RoutingAuditSink.class, () -> broken).run((context) -> {
			for (int i = 0; i < 3; i++) {
				assertThat(text(ask(context, "Is this spam? " + i, "classification", "acme"))).isEqualTo("spam");
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.until(() -> meters.get("llm.audit.records").tag("result", "failed").functionCounter().count() == 3);
			Health health = context.getBean(AuditHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("degraded", true)
				.containsEntry("failed", 3L)
				.containsEntry("lastError", "IllegalStateException: audit database down");
		});
	}

	@Test
	void aHangingSinkDropsRecordsBeyondTheQueueInsteadOfHoldingRequests() {
		CountDownLatch release = new CountDownLatch(1);
		RoutingAuditSink hanging = (record) -> release.await(1, TimeUnit.MINUTES);
		this.runner.withBean("hangingSink", RoutingAuditSink.class, () -> hanging)
			.withPropertyValues("llm.audit.queue-capacity=2")
			.run((context) -> {
				try {
					for (int i = 0; i < 6; i++) {
						assertThat(text(ask(context, "Is this spam? " + i, "classification", "acme")))
							.isEqualTo("spam");
					}
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					double dropped = meters.get("llm.audit.records").tag("result", "dropped").functionCounter().count();
					assertThat(dropped).as("one record in the sink, two queued, the rest dropped")
						.isGreaterThanOrEqualTo(3);
					Health health = context.getBean(AuditHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
					assertThat(health.getDetails()).containsEntry("degraded", true);
				}
				finally {
					release.countDown();
				}
			});
	}

	@Test
	void aToolLoopIsOneRecordWithTheAttemptsOfEveryTurn() {
		sim.model("cheap").toolCall("get_weather", "{\"city\":\"Paris\"}");
		List<String> toolCalls = new CopyOnWriteArrayList<>();
		recorded().run((context) -> {
			context.getBean(RoutingChatClient.class)
				.prompt()
				.user("What is the weather in Paris?")
				.options(RoutingChatOptions.builder().task("classification").tenant("acme"))
				.toolCallbacks(SimulatedProviders.weatherTool(toolCalls))
				.call()
				.chatResponse();
			assertThat(toolCalls).containsExactly("Paris");
			AuditRecord record = this.sink.single();
			assertThat(record.outcome()).isEqualTo(AuditOutcome.ANSWERED);
			assertThat(record.attempts()).as("the tool-call turn and the answer turn")
				.extracting((a) -> a.member() + "=" + a.outcome())
				.containsExactly("small-cheap=SUCCESS", "small-cheap=SUCCESS");
			assertThat(record.cost()).isEqualTo(record.attempts().get(0).cost() + record.attempts().get(1).cost());
		});
	}

	@Test
	void theRouterUsedAsAPlainChatModelIsRecordedPerCall() {
		recorded().run((context) -> {
			RoutingChatModel router = context.getBean(RoutingChatModel.class);
			router.call(new Prompt("Is this spam?", RoutingChatOptions.builder().task("classification").build()));
			AuditRecord record = this.sink.single();
			assertThat(record.source()).isEqualTo(AuditSource.MODEL);
			assertThat(record.outcome()).isEqualTo(AuditOutcome.ANSWERED);
			assertThat(record.attempts()).hasSize(1);
		});
	}

	@Test
	void aStreamedRequestGetsOneRecord() {
		recorded().run((context) -> {
			List<String> chunks = context.getBean(RoutingChatClient.class)
				.prompt()
				.user("Is this spam?")
				.options(RoutingChatOptions.builder().task("classification").tenant("acme"))
				.stream()
				.content()
				.collectList()
				.block(WAIT);
			assertThat(String.join("", chunks)).isEqualTo("spam");
			AuditRecord record = this.sink.single();
			assertThat(record.streamed()).isTrue();
			assertThat(record.outcome()).isEqualTo(AuditOutcome.ANSWERED);
			assertThat(record.tenant()).isEqualTo("acme");
		});
	}

	@Test
	void theRedisStreamSinkAppendsEveryRecordToASharedStream() {
		String key = "llm:test:audit:" + UUID.randomUUID();
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("llm.audit.sink=redis", "llm.audit.redis.stream-key=" + key,
					"spring.data.redis.url=" + RedisTestServer.url())
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				try {
					ask(context, "Is this spam? Lottery", "classification", "acme");
					await().atMost(WAIT).until(() -> redis.opsForStream().size(key) == 1);
					List<MapRecord<String, Object, Object>> entries = redis.opsForStream()
						.range(key, Range.unbounded());
					assertThat(entries).singleElement().satisfies((entry) -> {
						assertThat(entry.getValue()).containsEntry("outcome", "answered")
							.containsEntry("tenant", "acme");
						AuditRecord record = AuditRecordJson.read((String) entry.getValue().get("record"));
						assertThat(record.member()).isEqualTo("small-cheap");
						assertThat(record.route().layer()).isEqualTo(RouteLayer.RULE);
					});
				}
				finally {
					redis.delete(key);
				}
			});
	}

	private ChatResponse ask(ApplicationContext context, String message, String task, String tenant) {
		return context.getBean(RoutingChatClient.class)
			.prompt()
			.user(message)
			.options(RoutingChatOptions.builder().task(task).tenant(tenant))
			.call()
			.chatResponse();
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	/** A sink that keeps what it is given. */
	static final class RecordingSink implements RoutingAuditSink {

		final List<AuditRecord> records = new CopyOnWriteArrayList<>();

		@Override
		public void write(AuditRecord record) {
			this.records.add(record);
		}

		AuditRecord single() {
			await().atMost(WAIT).until(() -> !this.records.isEmpty());
			assertThat(this.records).hasSize(1);
			return this.records.get(0);
		}

	}

}
