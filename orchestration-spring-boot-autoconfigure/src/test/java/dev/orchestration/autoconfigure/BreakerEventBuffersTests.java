package dev.orchestration.autoconfigure;

import java.util.List;

import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.internal.MemberBreakerEventConsumers;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.ScriptedChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.consumer.CircularEventConsumer;
import io.github.resilience4j.consumer.DefaultEventConsumerRegistry;
import io.github.resilience4j.consumer.EventConsumerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resilience4j's event buffers (its {@code circuitbreakerevents} endpoint) keep the
 * members' failures and transitions but not their successes, which would take a lock per
 * routed request; the application's own breakers keep everything, and the application may
 * keep Resilience4j's buffers or bring its own.
 */
class BreakerEventBuffersTests {

	private final ScriptedChatModel cheap = new ScriptedChatModel("cheap");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationBreakerEventsAutoConfiguration.class, OrchestrationAutoConfiguration.class))
		.withBean("cheapModel", ChatModel.class, () -> this.cheap)
		.withBean(FakeHttpException.Extractor.class)
		.withPropertyValues("llm.tiers.small.models[0].chat-model=cheapModel", "llm.tiers.small.models[0].model=mini",
				"llm.routing.escalate-on-tier-failure=false");

	@Test
	void aMemberBufferKeepsFailuresButNotSuccessesAndTheApplicationsBreakersKeepEverything() {
		this.runner.run((context) -> {
			assertThat(circuitBreakerEvents(context)).isInstanceOf(MemberBreakerEventConsumers.class);
			RoutingChatModel router = context.getBean(RoutingChatModel.class);
			router.call(new Prompt("hello"));
			router.call(new Prompt("hello"));
			this.cheap.failNext(new FakeHttpException(500, "down"));
			assertThatThrownBy(() -> router.call(new Prompt("hello"))).isNotNull();
			assertThat(types(context, "small-mini")).containsExactly(CircuitBreakerEvent.Type.ERROR);

			CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
			registry.circuitBreaker("payments").executeSupplier(() -> "paid");
			assertThat(types(context, "payments")).as("the application's own breaker")
				.containsExactly(CircuitBreakerEvent.Type.SUCCESS);
		});
	}

	@Test
	void memberSuccessEventsTrueKeepsResilience4jsBuffers() {
		this.runner.withPropertyValues("llm.resilience.member-success-events=true").run((context) -> {
			assertThat(circuitBreakerEvents(context)).isInstanceOf(DefaultEventConsumerRegistry.class);
			context.getBean(RoutingChatModel.class).call(new Prompt("hello"));
			assertThat(types(context, "small-mini")).containsExactly(CircuitBreakerEvent.Type.SUCCESS);
		});
	}

	@Test
	void anApplicationsOwnEventConsumerRegistryIsKept() {
		this.runner.withUserConfiguration(OwnEventConsumers.class)
			.run((context) -> assertThat(circuitBreakerEvents(context))
				.isSameAs(context.getBean(OwnEventConsumers.class).registry));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEventConsumers {

		final DefaultEventConsumerRegistry<CircuitBreakerEvent> registry = new DefaultEventConsumerRegistry<>();

		@Bean
		EventConsumerRegistry<CircuitBreakerEvent> myEventConsumers() {
			return this.registry;
		}

	}

	/** The circuit breakers' registry (the time limiters have one too). */
	@SuppressWarnings("unchecked")
	private static EventConsumerRegistry<CircuitBreakerEvent> circuitBreakerEvents(
			AssertableApplicationContext context) {
		return (EventConsumerRegistry<CircuitBreakerEvent>) context
			.getBeanProvider(
					ResolvableType.forClassWithGenerics(EventConsumerRegistry.class, CircuitBreakerEvent.class))
			.getObject();
	}

	private static List<CircuitBreakerEvent.Type> types(AssertableApplicationContext context, String breaker) {
		CircularEventConsumer<CircuitBreakerEvent> buffer = circuitBreakerEvents(context).getEventConsumer(breaker);
		assertThat(buffer).as("the events buffer of " + breaker).isNotNull();
		return buffer.getBufferedEvents().stream().map(CircuitBreakerEvent::getEventType).toList();
	}

}
