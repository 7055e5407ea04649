package dev.orchestration.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana board in {@code docs/observability} queries only what the starter
 * registers: a workload that fails over, escalates after a judge, hits the cache and
 * spends budget runs against the simulator, the registry is scraped in Prometheus' text
 * format, and every metric and label in the board's PromQL must be in that scrape.
 */
class GrafanaDashboardMetricsTests {

	static final Path BOARD = Path.of("..", "docs", "observability", "llm-orchestration-dashboard.json");

	/**
	 * The Grafana JSON model version the board is written for (Grafana 10.x/11.x read it;
	 * newer ones migrate it).
	 */
	static final int SCHEMA_VERSION = 39;

	private static final Pattern METRIC = Pattern.compile("\\b(llm_[a-z0-9_]+)\\b");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");

	private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s");

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	@Test
	void everyMetricAndLabelTheBoardQueriesIsOneTheStarterRegisters() throws IOException {
		Map<String, Set<String>> scraped = scrapeAfterWorkload();
		JsonNode board = JsonMapper.builder().build().readTree(Files.readString(BOARD));
		List<String> queries = queries(board);
		assertThat(queries).as("PromQL expressions of the board").hasSizeGreaterThan(10);
		Set<String> queried = new LinkedHashSet<>();
		for (String query : queries) {
			Set<String> metrics = new LinkedHashSet<>();
			Matcher metric = METRIC.matcher(query);
			while (metric.find()) {
				metrics.add(metric.group(1));
			}
			assertThat(metrics).as("llm.* metrics in " + query).isNotEmpty();
			Set<String> labels = labels(query);
			for (String name : metrics) {
				queried.add(name);
				assertThat(scraped).as("'" + name + "' (queried by " + query + ") in the starter's Prometheus scrape")
					.containsKey(name);
				assertThat(scraped.get(name)).as("labels of " + name + " used by " + query).containsAll(labels);
			}
		}
		assertThat(queried).as("the main meters are on the board")
			.contains("llm_requests_total", "llm_failovers_total", "llm_cost_total", "llm_cache_lookups_total",
					"llm_escalations_total", "llm_budget_spent_usd_total", "llm_routing_overhead_seconds");
	}

	@Test
	void theBoardIsAGrafanaJsonModelOfTheStatedSchemaVersion() throws IOException {
		JsonNode board = JsonMapper.builder().build().readTree(Files.readString(BOARD));
		assertThat(board.path("schemaVersion").asInt()).isEqualTo(SCHEMA_VERSION);
		assertThat(board.path("uid").asString()).isEqualTo("llm-orchestration");
		assertThat(board.path("title").asString()).isNotBlank();
		Set<Integer> ids = new HashSet<>();
		for (JsonNode panel : board.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("unique panel id " + panel.path("id")).isTrue();
			assertThat(panel.path("type").asString()).isIn("timeseries", "stat", "gauge", "table", "bargauge");
			JsonNode grid = panel.path("gridPos");
			assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("panel within 24 columns")
				.isLessThanOrEqualTo(24);
			assertThat(grid.path("h").asInt()).isPositive();
			assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("refId").asString()).isNotBlank();
				assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
			}
		}
		assertThat(ids).hasSizeGreaterThan(10);
		List<String> variables = new ArrayList<>();
		board.path("templating").path("list").forEach((variable) -> variables.add(variable.path("name").asString()));
		assertThat(variables).containsExactly("datasource", "tier");
	}

	/**
	 * Runs failover, cascade with a judge, a cache hit and budget spend; returns sample
	 * name to label names.
	 */
	private Map<String, Set<String>> scrapeAfterWorkload() {
		sim.model("flaky").failWith(SimulatedError.serverError());
		sim.model("cheap").answer("cheap answer");
		sim.model("strong").answer("strong answer");
		sim.model("judge")
			.answers((request) -> request.lastUserMessage().contains("cheap answer") ? CascadeFixtures.LOW
					: CascadeFixtures.HIGH);
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		String[] prices = { "llm.tiers.small.models[0].price.input-per-million=1",
				"llm.tiers.small.models[1].price.input-per-million=1",
				"llm.tiers.small.models[1].price.output-per-million=2",
				"llm.tiers.large.models[0].price.input-per-million=10",
				"llm.tiers.large.models[0].price.output-per-million=30",
				"llm.tiers.judge.models[0].price.input-per-million=1" };
		List<String> scrape = new ArrayList<>();
		SimulatedProviders.runner(sim)
			.withConfiguration(AutoConfigurations.of(OrchestrationCascadeAutoConfiguration.class,
					OrchestrationCacheAutoConfiguration.class, OrchestrationBudgetAutoConfiguration.class))
			.withBean(MeterRegistry.class, () -> registry)
			.withPropertyValues(props(member("small", 0, "openAiChatModel", "flaky"),
					member("small", 1, "openAiChatModel", "cheap"), member("large", 0, "anthropicChatModel", "strong"),
					member("judge", 0, "openAiChatModel", "judge"), prices,
					new String[] { "llm.routing.default-tier=small", "llm.cascade.enabled=true",
							"llm.cascade.path=small,large", "llm.cascade.verifiers=non-empty,judge",
							"llm.cascade.judge.tier=judge", "llm.cascade.judge.threshold=0.7",
							"llm.cache.exact.enabled=true", "llm.budget.daily-limit=100" }))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				assertThat(client.prompt().user("Explain relativity").call().content()).isEqualTo("strong answer");
				assertThat(client.prompt().user("Explain relativity").call().content()).as("served from the cache")
					.isEqualTo("strong answer");
				scrape.addAll(registry.scrape().lines().toList());
			});
		Map<String, Set<String>> samples = new LinkedHashMap<>();
		for (String line : scrape) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.find()) {
				continue;
			}
			Set<String> labels = samples.computeIfAbsent(sample.group(1), (name) -> new LinkedHashSet<>());
			if (sample.group(2) != null) {
				Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(sample.group(2));
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		}
		return samples;
	}

	/**
	 * Every PromQL expression of the board: panel targets and query variables (as
	 * label_values selectors).
	 */
	private static List<String> queries(JsonNode board) {
		List<String> queries = new ArrayList<>();
		board.path("panels")
			.forEach((panel) -> panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString())));
		board.path("templating").path("list").forEach((variable) -> {
			String definition = variable.path("query").path("query").asString("");
			Matcher values = LABEL_VALUES.matcher(definition);
			if (values.find()) {
				queries.add(values.group(1) + "{" + values.group(2) + "=\"x\"}");
			}
		});
		return queries;
	}

	private static Set<String> labels(String query) {
		Set<String> labels = new LinkedHashSet<>();
		Matcher selector = MATCHER.matcher(query);
		while (selector.find()) {
			labels.add(selector.group(1));
		}
		Matcher grouping = GROUPING.matcher(query);
		while (grouping.find()) {
			for (String label : grouping.group(1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.trim());
				}
			}
		}
		return labels;
	}

}
