package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.orchestration.autoconfigure.cascade.OrchestrationCascadeAutoConfiguration;
import dev.orchestration.autoconfigure.review.OrchestrationReviewAutoConfiguration;
import dev.orchestration.autoconfigure.review.OrchestrationReviewHealthAutoConfiguration;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.it.support.RedisTestServer;
import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewAdministration;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewVerdict;
import dev.orchestration.review.internal.RedisReviewQueue;
import dev.orchestration.review.internal.ReviewQueueHealthIndicator;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review queue as a Redis Stream on a real Redis, shared by application contexts the
 * way several instances share it, and a Redis outage that degrades the queue without
 * failing a request.
 */
class RedisReviewQueueIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final String prefix = "llm:test:review:" + UUID.randomUUID() + ":";

	private ApplicationContextRunner runner(String redisUrl) {
		return SimulatedProviders.runner(sim, Duration.ofSeconds(30))
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					OrchestrationReviewAutoConfiguration.class, OrchestrationReviewHealthAutoConfiguration.class,
					OrchestrationCascadeAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(props(member("small", 0, "openAiChatModel", "cheap"),
					member("large", 0, "anthropicChatModel", "strong"),
					new String[] { "llm.routing.default-tier=small", "llm.cascade.enabled=true",
							"llm.cascade.path=small,large", "llm.cascade.verifiers=pattern",
							"llm.cascade.pattern=^\\d+$", "llm.review.enabled=true", "llm.review.store=redis",
							"llm.review.include-prompt=true", "llm.review.redis.key-prefix=" + this.prefix,
							"spring.data.redis.url=" + redisUrl }));
	}

	@BeforeEach
	void answersThatFailThePattern() {
		sim.model("cheap").answer("forty-two");
		sim.model("strong").answer("six times seven");
	}

	@AfterEach
	void cleanUp() {
		runner(RedisTestServer.url()).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			var keys = redis.keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		});
	}

	@Test
	void twoInstancesShareTheStreamAndTheFirstResolutionWins() {
		ApplicationContextRunner runner = runner(RedisTestServer.url())
			.withPropertyValues("llm.review.redis.timeout=2s");
		runner.run((first) -> runner.run((second) -> {
			connected(first);
			connected(second);
			ReviewTicket ticket = CascadeReceipt.from(ask(first, "What is six times seven?")).orElseThrow().review();
			assertThat(ticket.status()).isEqualTo(ReviewTicket.Status.QUEUED);
			StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
			assertThat(redis.opsForStream().size(this.prefix + "requests")).isEqualTo(1);

			List<Review> seenBySecond = second.getBean(ReviewQueue.class).open(10);
			assertThat(seenBySecond).singleElement().satisfies((review) -> {
				assertThat(review.id()).isEqualTo(ticket.id());
				assertThat(review.request().answer()).isEqualTo("six times seven");
				assertThat(review.request().prompt()).isEqualTo("What is six times seven?");
				assertThat(review.request().receipt().steps()).hasSize(2);
			});
			ReviewQueue.Resolution resolved = second.getBean(ReviewAdministration.class)
				.resolve(ticket.id(), ReviewVerdict.CORRECTED, "42", "spelled out and wrong", "alice");
			assertThat(resolved.result()).isEqualTo(ReviewQueue.Resolution.Result.RESOLVED);

			ReviewQueue firstQueue = first.getBean(ReviewQueue.class);
			assertThat(firstQueue.open(10)).isEmpty();
			assertThat(firstQueue.find(ticket.id()).orElseThrow().resolution().correctedAnswer()).isEqualTo("42");
			ReviewQueue.Resolution again = first.getBean(ReviewAdministration.class)
				.resolve(ticket.id(), ReviewVerdict.APPROVED, null, null, "bob");
			assertThat(again.result()).isEqualTo(ReviewQueue.Resolution.Result.ALREADY_RESOLVED);
			assertThat(again.review().resolution().reviewer()).isEqualTo("alice");
		}));
	}

	@Test
	void aRedisOutageNeitherFailsTheRequestNorLosesTheReview() {
		try (RedisTestServer.DisposableRedis redis = RedisTestServer.disposable()) {
			runner(redis.url())
				.withPropertyValues("llm.review.redis.timeout=300ms", "llm.review.redis.retry-interval=1s",
						"spring.data.redis.timeout=300ms")
				.run((context) -> {
					awaitTrue(() -> !context.getBean(RedisReviewQueue.class).isDegraded()
							&& queued(ask(context, "warm")));
					redis.stop();
					ChatResponse during = ask(context, "What is six times seven?");
					assertThat(during.getResult().getOutput().getText()).isEqualTo("six times seven");
					ReviewTicket ticket = CascadeReceipt.from(during).orElseThrow().review();
					assertThat(ticket.status()).isEqualTo(ReviewTicket.Status.HELD_LOCALLY);
					Health health = context.getBean(ReviewQueueHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
					assertThat(health.getDetails()).containsEntry("degraded", true).containsEntry("heldLocally", 1);
					assertThat(context.getBean(MeterRegistry.class)
						.get("llm.review.requests")
						.tags("reason", "unverified", "status", "held-locally")
						.counter()
						.count()).isEqualTo(1);
					assertThat(context.getBean(ReviewQueue.class).find(ticket.id()))
						.as("a held review is listed by the instance that holds it")
						.isPresent();

					redis.start();
					RedisReviewQueue queue = context.getBean(RedisReviewQueue.class);
					awaitTrue(() -> {
						queue.open(10);
						return queue.held() == 0 && !queue.isDegraded();
					});
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					// the restarted server is empty (no persistence): the stream now
					// holds exactly the held review
					assertThat(template.opsForStream().range(this.prefix + "requests", Range.unbounded()))
						.as("the held review was added to the stream once Redis answered")
						.singleElement()
						.satisfies((entry) -> assertThat(entry.getValue()).containsEntry("id", ticket.id()));
					assertThat(context.getBean(ReviewQueueHealthIndicator.class).health(true).getStatus())
						.isEqualTo(Status.UP);
				});
		}
	}

	/**
	 * Waits until the context's Redis connection is up: on a loaded machine connecting
	 * can outlast the guard's timeout, and the first review would then (correctly) be
	 * held locally instead of queued.
	 */
	private void connected(ApplicationContext context) {
		StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
		RedisReviewQueue queue = context.getBean(RedisReviewQueue.class);
		awaitTrue(() -> {
			redis.opsForStream().size(this.prefix + "requests");
			return !queue.isDegraded();
		});
	}

	private static boolean queued(ChatResponse response) {
		return CascadeReceipt.from(response).orElseThrow().review().status() == ReviewTicket.Status.QUEUED;
	}

	private static void awaitTrue(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within 15 s");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static ChatResponse ask(ApplicationContext context, String question) {
		return context.getBean(RoutingChatClient.class).prompt().user(question).call().chatResponse();
	}

}
