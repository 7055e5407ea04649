package dev.orchestration.autoconfigure.review;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.orchestration.actuate.internal.LlmReviewsEndpoint;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.OrchestrationMetricsAutoConfiguration;
import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.internal.InMemoryReviewQueue;
import dev.orchestration.review.internal.RedisReviewQueue;
import dev.orchestration.review.internal.ReviewHandOff;
import dev.orchestration.review.internal.ReviewMetrics;
import dev.orchestration.review.internal.ReviewQueueHealthIndicator;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
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
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review hand-off, its endpoint and its health contributor switch the way Boot's own
 * do.
 */
class OrchestrationReviewAutoConfigurationTests {

	private static final AutoConfigurations REVIEW = AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
			TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
			OrchestrationAutoConfiguration.class, OrchestrationReviewAutoConfiguration.class,
			OrchestrationCascadeAutoConfiguration.class);

	private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(REVIEW)
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.cascade.enabled=true");

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(REVIEW)
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				OrchestrationReviewEndpointAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> new ScriptedChatModel("cheap"))
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.cascade.enabled=true",
				"llm.review.enabled=true", "management.endpoints.web.exposure.include=llmreviews");

	@Test
	void offUnlessEnabled() {
		this.plain.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(CascadeAdvisor.class)
			.doesNotHaveBean(ReviewQueue.class)
			.doesNotHaveBean(ReviewHandOff.class));
	}

	@Test
	void enabledBringsAnInMemoryQueueAndTheHandOff() {
		this.plain.withPropertyValues("llm.review.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(InMemoryReviewQueue.class)
				.hasSingleBean(ReviewHandOff.class));
	}

	@Test
	void aQueueBeanOfTheApplicationWins() {
		this.plain.withPropertyValues("llm.review.enabled=true")
			.withBean("myQueue", ReviewQueue.class,
					() -> new InMemoryReviewQueue(5, new ReviewMetrics(new SimpleMeterRegistry())))
			.run((context) -> assertThat(context).getBeanNames(ReviewQueue.class).containsExactly("myQueue"));
	}

	@Test
	void metersAreOnTheApplicationsMeterRegistry() {
		this.plain.withConfiguration(AutoConfigurations.of(OrchestrationMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("llm.review.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ReviewMetrics.class));
	}

	@Test
	void theRedisStoreWithoutAConnectionFactoryFailsNamingTheProperty() {
		this.plain.withPropertyValues("llm.review.enabled=true", "llm.review.store=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("llm.review.store")
				.hasStackTraceContaining("RedisConnectionFactory");
		});
	}

	@Test
	void endpointWritesAreRefusedByDefault() {
		this.web.run((context) -> assertThat(operations(context)).contains(OperationType.READ)
			.doesNotContain(OperationType.WRITE));
	}

	@Test
	void endpointWritesAreAllowedWithTheirOwnAccessProperty() {
		this.web.withPropertyValues("management.endpoint.llmreviews.access=unrestricted")
			.run((context) -> assertThat(operations(context)).contains(OperationType.READ, OperationType.WRITE));
	}

	@Test
	void endpointIsServedAtLlmReviews() {
		this.web.run((context) -> assertThat(endpoint(context).getRootPath()).isEqualTo("llm-reviews"));
	}

	@Test
	void endpointBacksOffWithoutTheHandOff() {
		this.web.withPropertyValues("llm.review.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmReviewsEndpoint.class));
	}

	@Test
	void reviewHealthIsNamedLlmreviewAndSwitchedOffByManagementHealthLlmreviewEnabled() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OrchestrationReviewHealthAutoConfiguration.class))
			.withBean(RedisReviewQueue.class,
					() -> new RedisReviewQueue(new StringRedisTemplate(new LettuceConnectionFactory()),
							"conventions-test:", 10, 10, Duration.ofDays(1), Duration.ofMillis(250),
							Duration.ofSeconds(5), new ReviewMetrics(new SimpleMeterRegistry()), Clock.systemUTC()));
		runner.run((context) -> assertThat(context).hasBean("llmreviewHealthIndicator"));
		runner.withPropertyValues("management.health.llmreview.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReviewQueueHealthIndicator.class));
	}

	private static List<OperationType> operations(AssertableWebApplicationContext context) {
		return endpoint(context).getOperations().stream().map(WebOperation::getType).toList();
	}

	private static ExposableWebEndpoint endpoint(AssertableWebApplicationContext context) {
		return context.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((e) -> e.getEndpointId().toString().equals(LlmReviewsEndpoint.ID))
			.findFirst()
			.orElseThrow();
	}

}
