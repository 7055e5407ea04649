package dev.orchestration.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.orchestration.audit.RoutingAuditSink;
import dev.orchestration.autoconfigure.audit.OrchestrationAuditAutoConfiguration;
import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.classify.OrchestrationClassifierAutoConfiguration;
import dev.orchestration.autoconfigure.drift.OrchestrationDriftAutoConfiguration;
import dev.orchestration.autoconfigure.review.OrchestrationReviewAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.autoconfigure.tenant.OrchestrationTenantAutoConfiguration;
import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.drift.DriftMonitor;
import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewAdministration;
import dev.orchestration.review.ReviewVerdict;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.routing.DefaultRoutingObservationConvention;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.routing.ToolLoopReceiptAdvisor;
import dev.orchestration.tenant.TenantResolver;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The meter reference in {@code docs/observability/README.md} is the starter's meters,
 * both ways: the names the main code registers (read from its source) are the documented
 * ones, and a context with every feature on, driven through failover, classification,
 * both caches, cascade retries and escalation with a judge, review, audit, budgets,
 * shadow traffic, canaries, drift checks and a broken stream, registers every documented
 * meter with exactly the documented tag keys and type (save the few listed in
 * {@link #NOT_DRIVEN}, with the reason).
 */
class MeterReferenceTests {

	static final Path DOC = Path.of("..", "docs", "observability", "README.md");

	static final Path CONCEPTS = Path.of("..", "docs", "concepts.md");

	static final Path MAIN = Path.of("..", "orchestration-spring-boot-autoconfigure", "src", "main", "java");

	/** Documented meters this workload does not reach, and why. */
	static final Map<String, String> NOT_DRIVEN = Map.of("llm.cache.semantic.subscribed",
			"registered only with llm.cache.store=redis and the Redis semantic index (RedisCacheIntegrationTests); "
					+ "this context keeps the caches in memory");

	/** A meter name as the first argument of a Micrometer registration call. */
	private static final Pattern REGISTERED = Pattern.compile("(?:counter|builder)\\(\\s*\"(llm\\.[a-z0-9.-]+)\"");

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(llm\\.[a-z0-9.-]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");

	private static final Pattern KEY = Pattern.compile("`([a-z0-9._-]+)`");

	private static final Pattern FLOW_ADVISOR = Pattern.compile("^\\s+-> (\\w+Advisor)\\s");

	private static Workload workload;

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	@Test
	void theDocumentedMetersAreTheOnesTheMainCodeRegisters() throws IOException {
		Set<String> inCode = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Matcher name = REGISTERED.matcher(Files.readString(file));
				while (name.find()) {
					inCode.add(name.group(1));
				}
			}
		}
		inCode.add(DefaultRoutingObservationConvention.NAME);
		inCode.add(DefaultRoutingObservationConvention.NAME + ".active");
		assertThat(inCode).as("meters registered in " + MAIN).hasSizeGreaterThan(30);
		assertThat(documented().keySet()).as("meters documented in " + DOC).isEqualTo(inCode);
	}

	@Test
	void everyFeatureOnRegistersEveryDocumentedMeterWithItsTagsAndType() throws IOException {
		Map<String, Documented> documented = documented();
		Map<String, Registered> registered = new TreeMap<>();
		collect(registered, workload().meters());
		assertThat(NOT_DRIVEN.keySet()).as("exclusions are documented meters").isSubsetOf(documented.keySet());
		assertThat(registered.keySet()).as("llm.* meters registered by the workload, documented in " + DOC)
			.isSubsetOf(documented.keySet());
		Set<String> expected = new TreeSet<>(documented.keySet());
		expected.removeAll(NOT_DRIVEN.keySet());
		assertThat(registered.keySet()).as("documented meters the workload registered").isEqualTo(expected);
		for (Map.Entry<String, Registered> meter : registered.entrySet()) {
			Documented doc = documented.get(meter.getKey());
			assertThat(meter.getValue().tags()).as("tag keys of " + meter.getKey()).isEqualTo(doc.tags());
			assertThat(meter.getValue().types()).as("type of " + meter.getKey()).containsExactly(doc.type());
		}
	}

	@Test
	void theFlowInConceptsListsTheAdvisorsInTheOrderTheyRunWithEveryFeatureOn() throws IOException {
		List<String> flow = new ArrayList<>();
		for (String line : Files.readAllLines(CONCEPTS)) {
			Matcher advisor = FLOW_ADVISOR.matcher(line);
			if (advisor.find()) {
				flow.add(advisor.group(1));
			}
		}
		assertThat(flow).as("the advisors of the flow in " + CONCEPTS).isEqualTo(workload().advisors());
	}

	private synchronized Workload workload() {
		if (workload == null) {
			workload = everyFeatureOn();
		}
		return workload;
	}

	private Workload everyFeatureOn() {
		this.sim.model("flaky").failWith(SimulatedError.serverError());
		this.sim.model("down").failWith(SimulatedError.serverError());
		this.sim.model("cheap").answer("cheap answer");
		this.sim.model("strong").answer("strong answer");
		this.sim.model("premium").answer("premium answer");
		this.sim.model("cutter").answer("alpha beta gamma delta epsilon zeta eta theta").cutStreamAfter(3);
		this.sim.model("judge")
			.answers((request) -> request.lastUserMessage().contains("cheap answer") ? CascadeFixtures.LOW
					: CascadeFixtures.HIGH);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AdvisorNames advisorNames = new AdvisorNames();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters))
			.observationHandler(advisorNames);
		List<String> chain = new ArrayList<>();
		String canary = "llm.tiers.canaried.models[1].canary.";
		String check = "llm.drift.checks.small-spam.";
		SimulatedProviders.runner(this.sim, Duration.ofSeconds(30))
			.withConfiguration(AutoConfigurations.of(OrchestrationCacheAutoConfiguration.class,
					OrchestrationCascadeAutoConfiguration.class, OrchestrationReviewAutoConfiguration.class,
					OrchestrationBudgetAutoConfiguration.class, OrchestrationClassifierAutoConfiguration.class,
					OrchestrationShadowAutoConfiguration.class, OrchestrationAuditAutoConfiguration.class,
					OrchestrationDriftAutoConfiguration.class, OrchestrationTenantAutoConfiguration.class))
			.withBean(MeterRegistry.class, () -> meters)
			.withBean(ObservationRegistry.class, () -> observations)
			.withBean(TenantResolver.class, () -> (requested) -> requested)
			.withBean(RoutingAuditSink.class, () -> (record) -> {
				// the records are not the point here, their meters are
			})
			.withPropertyValues(props(member("edge", 0, "openAiChatModel", "down"),
					member("small", 0, "openAiChatModel", "flaky"), member("small", 1, "openAiChatModel", "cheap"),
					member("large", 0, "anthropicChatModel", "strong"), member("judge", 0, "openAiChatModel", "judge"),
					member("premium", 0, "anthropicChatModel", "premium"),
					member("streamer", 0, "openAiChatModel", "cutter"),
					member("canaried", 0, "openAiChatModel", "cheap"),
					member("canaried", 1, "openAiChatModel", "fresh"),
					new String[] { "llm.tiers.edge.models[0].price.input-per-million=5",
							"llm.tiers.small.models[0].price.input-per-million=1",
							"llm.tiers.small.models[1].price.input-per-million=1",
							"llm.tiers.small.models[1].price.output-per-million=2",
							"llm.tiers.large.models[0].price.input-per-million=10",
							"llm.tiers.large.models[0].price.output-per-million=30",
							"llm.tiers.judge.models[0].price.input-per-million=1",
							"llm.tiers.premium.models[0].price.input-per-million=1000000",
							"llm.tiers.streamer.models[0].price.input-per-million=1", "llm.routing.default-tier=small",
							// classifier
							"llm.routing.classifier.enabled=true", "llm.routing.classifier.confidence-floor=0.1",
							"llm.routing.classifier.classes.physics.examples[0]=Explain relativity",
							"llm.routing.classifier.classes.physics.examples[1]=What is quantum mechanics?",
							"llm.routing.classifier.classes.chit-chat.examples[0]=Hi, how are you today?",
							// caches
							"llm.cache.exact.enabled=true", "llm.cache.semantic.enabled=true",
							"llm.cache.semantic.similarity-threshold=0.999",
							// cascade: judge with one retry, then escalation; review when
							// nothing passes
							"llm.cascade.enabled=true", "llm.cascade.path=small,large",
							"llm.cascade.verifiers=non-empty,judge", "llm.cascade.judge.tier=judge",
							"llm.cascade.judge.threshold=0.7", "llm.cascade.retry.max-retries=1",
							"llm.cascade.retry.on.judge=lower-temperature",
							"llm.cascade.tasks.arithmetic.verifiers=pattern",
							"llm.cascade.tasks.arithmetic.pattern=^\\d+$", "llm.review.enabled=true",
							"llm.review.capacity=1",
							// audit (feeds passive drift), budgets, shadow traffic
							"llm.audit.enabled=true", "llm.budget.daily-limit=100", "llm.budget.tag-tenants=true",
							"llm.budget.per-tenant.daily-limit=0.0000001", "llm.budget.policy=downgrade",
							"llm.budget.per-request-max=1", "llm.shadow.enabled=true", "llm.shadow.sample-rate=1",
							"llm.shadow.candidate.routing.default-tier=large", "llm.shadow.judge.tier=judge",
							// a canary and a drift check
							canary + "steps[0].share=10", canary + "steps[0].duration=1m",
							canary + "steps[1].share=100", "llm.rollout.evaluation-interval=0", check + "tier=small",
							check + "interval=1h", check + "initial-delay=1h",
							check + "cases[0].prompt=Is this spam? You won a prize",
							check + "cases[0].expected=spam" }))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				drive(context, meters, advisorNames, chain);
			});
		return new Workload(meters, chain);
	}

	private void drive(ApplicationContext context, MeterRegistry meters, AdvisorNames advisorNames,
			List<String> chain) {
		RoutingChatClient client = context.getBean(RoutingChatClient.class);
		RoutingChatModel router = context.getBean(RoutingChatModel.class);
		// failover (flaky -> cheap), classification, cache misses, judge retry,
		// escalation
		advisorNames.names.clear();
		assertThat(client.prompt().user("Explain relativity").call().content()).isEqualTo("strong answer");
		Map<String, String> classes = new TreeMap<>();
		context.getBeansOfType(RoutingClientAdvisor.class)
			.values()
			.forEach((advisor) -> classes.put(advisor.getName(), advisor.getClass().getSimpleName()));
		classes.put("ToolLoopReceiptAdvisor", ToolLoopReceiptAdvisor.class.getSimpleName());
		new LinkedHashSet<>(advisorNames.names).stream()
			.filter(classes::containsKey)
			.map(classes::get)
			.forEach(chain::add);
		// exact hit, then a near-miss of the semantic cache and a question beyond its
		// window
		assertThat(client.prompt().user("Explain relativity").call().content()).isEqualTo("strong answer");
		for (String close : List.of("Explain relativity please", "Please explain relativity", "Explain the relativity",
				"Explain relativity!")) {
			client.prompt().user(close).call().content();
		}
		client.prompt().user("Explain " + "relativity and more ".repeat(80)).call().content();
		// nothing passes the pattern: needs review (a queue of one evicts the first), not
		// cached
		RoutingChatOptions.Builder arithmetic = RoutingChatOptions.builder().task("arithmetic");
		client.prompt().user("What is six times seven?").options(arithmetic).call().content();
		client.prompt().user("What is six times eight?").options(arithmetic).call().content();
		ReviewAdministration reviews = context.getBean(ReviewAdministration.class);
		Review open = reviews.open(10).get(0);
		reviews.resolve(open.request().id(), ReviewVerdict.APPROVED, null, null, "tester");
		// a tier that fails entirely: served by the next tier up
		router.call(new Prompt("hello", RoutingChatOptions.builder().tier("edge").build()));
		// budgets: a per-request ceiling refuses, a spent tenant cap downgrades
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> router.call(new Prompt("hello", RoutingChatOptions.builder().tier("premium").build())));
		for (int i = 0; i < 2; i++) {
			try {
				router.call(new Prompt("hello", RoutingChatOptions.builder().tier("large").tenant("acme").build()));
			}
			catch (BudgetExceededException ex) {
				// downgraded at admission, then even the cheapest tier's call is over the
				// cap
			}
		}
		// a stream cut after tokens reached the caller
		router.stream(new Prompt("tell me the greek letters", RoutingChatOptions.builder().tier("streamer").build()))
			.onErrorResume((error) -> reactor.core.publisher.Flux.empty())
			.blockLast(Duration.ofSeconds(30));
		// canary rolled back by an operator, a drift check run now
		CanaryController canaries = context.getBean(CanaryController.class);
		assertThat(canaries.act("canaried-fresh", "roll-back")).isNotNull();
		context.getBean(DriftMonitor.class).run("small-spam");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> meters.find("llm.shadow.judge.score").summary() != null
					&& meters.find("llm.shadow.agreement").counter() != null);
	}

	private static void collect(Map<String, Registered> registered, MeterRegistry meters) {
		for (Meter meter : meters.getMeters()) {
			String name = meter.getId().getName();
			if (!name.startsWith("llm.") || (name.endsWith(".percentile") && meter.getId().getTag("phi") != null)) {
				// percentiles of a timer: the timer's row (Prometheus shows them as its
				// quantile label)
				continue;
			}
			Registered entry = registered.computeIfAbsent(name,
					(n) -> new Registered(new TreeSet<>(), new TreeSet<>()));
			meter.getId().getTags().stream().map(Tag::getKey).forEach(entry.tags()::add);
			entry.types().add(meter.getId().getType().name());
		}
	}

	/** The rows of the meter reference: name to type and tag keys. */
	static Map<String, Documented> documented() throws IOException {
		List<String> lines = Files.readAllLines(DOC);
		int start = lines.indexOf("## Meter reference");
		assertThat(start).as("a '## Meter reference' section in " + DOC).isNotNegative();
		Map<String, Documented> rows = new TreeMap<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (!row.find()) {
				continue;
			}
			Set<String> tags = new TreeSet<>();
			Matcher key = KEY.matcher(row.group(3));
			while (key.find()) {
				tags.add(key.group(1));
			}
			assertThat(rows.put(row.group(1), new Documented(type(row.group(2).trim()), tags)))
				.as("one row for " + row.group(1))
				.isNull();
		}
		return rows;
	}

	private static String type(String documented) {
		return switch (documented) {
			case "counter" -> Meter.Type.COUNTER.name();
			case "gauge" -> Meter.Type.GAUGE.name();
			case "timer" -> Meter.Type.TIMER.name();
			case "summary" -> Meter.Type.DISTRIBUTION_SUMMARY.name();
			case "long task timer" -> Meter.Type.LONG_TASK_TIMER.name();
			default -> throw new IllegalArgumentException("unknown meter type '" + documented + "' in " + DOC);
		};
	}

	record Documented(String type, Set<String> tags) {
	}

	record Workload(MeterRegistry meters, List<String> advisors) {
	}

	/** Names of the advisors whose observations started, in order. */
	static final class AdvisorNames implements ObservationHandler<AdvisorObservationContext> {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(AdvisorObservationContext context) {
			this.names.add(context.getAdvisorName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof AdvisorObservationContext;
		}

	}

	record Registered(Set<String> tags, Set<String> types) {
	}

}
