package dev.orchestration.autoconfigure;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import dev.orchestration.actuate.internal.CacheHealthIndicator;
import dev.orchestration.actuate.internal.LlmRoutesEndpoint;
import dev.orchestration.actuate.internal.LlmRoutingHealthIndicator;
import dev.orchestration.autoconfigure.budget.OrchestrationBudgetAutoConfiguration;
import dev.orchestration.autoconfigure.budget.OrchestrationBudgetHealthAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheHealthAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.shadow.OrchestrationShadowAutoConfiguration;
import dev.orchestration.budget.internal.BudgetHealthIndicator;
import dev.orchestration.budget.internal.BudgetMetrics;
import dev.orchestration.budget.internal.RedisBudgetStore;
import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cascade.internal.CascadeMetrics;
import dev.orchestration.metrics.internal.RoutingMetrics;
import dev.orchestration.redis.internal.RedisGuard;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.shadow.internal.ShadowMetrics;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint, health contributors and meters switch the way Boot's own do.
 */
class ManagementSurfaceTests {

	private static final AutoConfigurations ROUTER = AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
			TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
			OrchestrationAutoConfiguration.class);

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(ROUTER)
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				OrchestrationEndpointAutoConfiguration.class, OrchestrationRoutingHealthAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel",
				"management.endpoints.web.exposure.include=llmroutes");

	private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(ROUTER)
		.withConfiguration(AutoConfigurations.of(OrchestrationCacheAutoConfiguration.class,
				OrchestrationBudgetAutoConfiguration.class, OrchestrationCascadeAutoConfiguration.class,
				OrchestrationShadowAutoConfiguration.class, OrchestrationMetricsAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.cache.exact.enabled=true",
				"llm.budget.enabled=true", "llm.cascade.enabled=true", "llm.shadow.enabled=true");

	@Test
	void endpointWritesAreRefusedByDefault() {
		this.web.run((context) -> assertThat(operations(context)).contains(OperationType.READ)
			.doesNotContain(OperationType.WRITE, OperationType.DELETE));
	}

	@Test
	void endpointWritesAreAllowedWithTheAccessProperty() {
		this.web.withPropertyValues("management.endpoint.llmroutes.access=unrestricted")
			.run((context) -> assertThat(operations(context)).contains(OperationType.READ, OperationType.WRITE,
					OperationType.DELETE));
	}

	@Test
	void endpointIsServedAtLlmRoutes() {
		this.web.run((context) -> assertThat(endpoint(context).getRootPath()).isEqualTo("llm-routes"));
	}

	@Test
	void aPathMappingOfTheApplicationWinsOverOurs() {
		this.web.withPropertyValues("management.endpoints.web.path-mapping.llmroutes=routing")
			.run((context) -> assertThat(endpoint(context).getRootPath()).isEqualTo("routing"));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		new WebApplicationContextRunner().withConfiguration(ROUTER)
			.withConfiguration(AutoConfigurations.of(OrchestrationEndpointAutoConfiguration.class))
			.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
			.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RoutingChatClient.class)
				.doesNotHaveBean(LlmRoutesEndpoint.class));
	}

	/**
	 * Without spring-boot-health Boot's import filter drops the health
	 * auto-configurations before reading them, from the class conditions the annotation
	 * processor writes (an ApplicationContextRunner skips that filter).
	 */
	@Test
	void healthAutoConfigurationsBackOffWithoutActuator() throws IOException {
		Properties metadata = PropertiesLoaderUtils
			.loadProperties(new ClassPathResource("META-INF/spring-autoconfigure-metadata.properties"));
		for (Class<?> type : List.of(OrchestrationRoutingHealthAutoConfiguration.class,
				OrchestrationCacheHealthAutoConfiguration.class, OrchestrationBudgetHealthAutoConfiguration.class)) {
			assertThat(metadata.getProperty(type.getName() + ".ConditionalOnClass")).as(type.getSimpleName())
				.contains("org.springframework.boot.health.contributor.HealthIndicator");
		}
	}

	@Test
	void routingHealthIsNamedLlmroutingAndOnByDefault() {
		this.web.run((context) -> assertThat(context).hasBean("llmroutingHealthIndicator"));
	}

	@Test
	void routingHealthIsSwitchedOffByManagementHealthLlmroutingEnabled() {
		this.web.withPropertyValues("management.health.llmrouting.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmRoutingHealthIndicator.class));
	}

	@Test
	void cacheHealthIsNamedLlmcacheAndSwitchedOffByManagementHealthLlmcacheEnabled() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OrchestrationCacheHealthAutoConfiguration.class))
			.withBean("llmCacheRedisGuard", RedisGuard.class, () -> new RedisGuard("cache", "serving cache misses",
					Duration.ofMillis(250), Duration.ofSeconds(5), Clock.systemUTC()));
		runner.run((context) -> assertThat(context).hasBean("llmcacheHealthIndicator"));
		runner.withPropertyValues("management.health.llmcache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CacheHealthIndicator.class));
	}

	@Test
	void budgetHealthIsNamedLlmbudgetAndSwitchedOffByManagementHealthLlmbudgetEnabled() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OrchestrationBudgetHealthAutoConfiguration.class))
			.withBean(RedisBudgetStore.class,
					() -> new RedisBudgetStore(new StringRedisTemplate(new LettuceConnectionFactory()),
							"conventions-test:", Duration.ofMillis(250), Duration.ofSeconds(5), Clock.systemUTC()));
		runner.run((context) -> assertThat(context).hasBean("llmbudgetHealthIndicator"));
		runner.withPropertyValues("management.health.llmbudget.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BudgetHealthIndicator.class));
	}

	@Test
	void noMeterBeansWithoutAMeterRegistry() {
		double before = Metrics.globalRegistry.getMeters().size();
		this.plain.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(MeterRegistry.class)
				.doesNotHaveBean(RoutingMetrics.class)
				.doesNotHaveBean(CacheMetrics.class)
				.doesNotHaveBean(BudgetMetrics.class)
				.doesNotHaveBean(CascadeMetrics.class)
				.doesNotHaveBean(ShadowMetrics.class);
			context.getBean(RoutingChatClient.class).prompt("hello").call().content();
		});
		assertThat(Metrics.globalRegistry.getMeters()).as("nothing written to the global registry")
			.hasSize((int) before);
	}

	@Test
	void metersAreOnTheApplicationsMeterRegistry() {
		this.plain.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(RoutingMetrics.class)
				.hasSingleBean(CacheMetrics.class)
				.hasSingleBean(BudgetMetrics.class)
				.hasSingleBean(CascadeMetrics.class)
				.hasSingleBean(ShadowMetrics.class);
			context.getBean(RoutingChatClient.class).prompt("hello").call().content();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("llm.requests").counter()).isNotNull();
			assertThat(registry.find("llm.cache.lookups").counters()).isNotEmpty();
		});
	}

	private static List<OperationType> operations(AssertableWebApplicationContext context) {
		return endpoint(context).getOperations().stream().map(WebOperation::getType).toList();
	}

	private static ExposableWebEndpoint endpoint(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().toString().equals(LlmRoutesEndpoint.ID))
			.findFirst()
			.orElseThrow(() -> new AssertionError("llmroutes endpoint not discovered"));
	}

}
