package dev.orchestration.it.cache;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.actuate.internal.CacheHealthIndicator;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheHealthAutoConfiguration;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.redis.RedisSemanticIndex;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.it.support.RedisTestServer;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caches on a real Redis, shared by application contexts the way several instances
 * share it.
 */
class RedisCacheIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator simulator = providers.simulator();

	private final AtomicInteger answers = new AtomicInteger();

	private final String prefix = "llm:test:" + UUID.randomUUID() + ":";

	@BeforeEach
	void answerWithACounter() {
		simulator.model("sim-cache").answers((request) -> "answer " + this.answers.incrementAndGet());
	}

	private ApplicationContextRunner runner(String redisUrl) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
					DataRedisAutoConfiguration.class, OrchestrationAutoConfiguration.class,
					OrchestrationCacheAutoConfiguration.class, OrchestrationCacheHealthAutoConfiguration.class))
			.withBean("openAiChatModel", ChatModel.class,
					() -> OpenAiChatModel.builder()
						.options(OpenAiChatOptions.builder()
							.baseUrl(simulator.baseUrl())
							.apiKey("test")
							.model("sim-cache")
							.maxRetries(0)
							.timeout(Duration.ofSeconds(5))
							.build())
						.build())
			.withPropertyValues("llm.tiers.small.models[0].chat-model=openAiChatModel",
					"llm.tiers.small.models[0].model=sim-cache", "llm.cache.store=redis",
					"llm.cache.exact.enabled=true", "llm.cache.semantic.enabled=true",
					// the mechanism under test, not the default threshold
					// (docs/semantic-cache.md)
					"llm.cache.semantic.similarity-threshold=0.9", "llm.cache.redis.key-prefix=" + this.prefix,
					"spring.data.redis.url=" + redisUrl, "spring.data.redis.timeout=500ms");
	}

	@Test
	void twoInstancesSharingOneRedisSeeEachOthersExactAndSemanticEntries() {
		ApplicationContextRunner runner = runner(RedisTestServer.url());
		runner.run((first) -> runner.run((second) -> {
			String question = "What is the boiling point of water at sea level?";
			String answer = text(ask(first, question, "acme"));
			awaitEntriesInRedis(first, 1);
			ChatResponse fromSecond = ask(second, question, "acme");
			assertThat(text(fromSecond)).isEqualTo(answer);
			assertThat(CacheHit.from(fromSecond).orElseThrow().layer()).isEqualTo("exact");

			String original = text(ask(first, "How do I reset my router password?", "acme"));
			awaitIndexSize(second, 2);
			ChatResponse paraphrase = ask(second, "How can I reset the password of my router?", "acme");
			assertThat(CacheHit.from(paraphrase)).get()
				.satisfies((hit) -> assertThat(hit.layer()).isEqualTo("semantic"));
			assertThat(text(paraphrase)).isEqualTo(original);
			assertThat(simulator.requests("sim-cache")).hasSize(2);
			runner.run((third) -> assertThat(third.getBean(SemanticIndex.class).size())
				.as("an instance started later loads the vectors already in Redis")
				.isEqualTo(2));
		}));
		cleanUp();
	}

	@Test
	void entriesExpireWithTheirTtl() throws InterruptedException {
		runner(RedisTestServer.url()).withPropertyValues("llm.cache.exact.ttl=1s", "llm.cache.semantic.ttl=1s")
			.run((context) -> {
				ask(context, "Which planet is largest?", "acme");
				eventually(() -> ask(context, "Which planet is largest?", "acme"), (r) -> CacheHit.from(r).isPresent());
				Thread.sleep(1500);
				assertThat(CacheHit.from(ask(context, "Which planet is largest?", "acme"))).isEmpty();
			});
		cleanUp();
	}

	@Test
	void entriesStayWithinTheirTenantAndConversation() {
		runner(RedisTestServer.url()).run((context) -> {
			String alices = text(ask(context, "What is my current balance?", "alice"));
			eventually(() -> ask(context, "What is my current balance?", "alice"), (r) -> CacheHit.from(r).isPresent());
			ChatResponse bobsParaphrase = ask(context, "What's my current balance?", "bob");
			assertThat(CacheHit.from(bobsParaphrase)).isEmpty();
			assertThat(text(bobsParaphrase)).isNotEqualTo(alices);
			assertThat(text(ask(context, "What is my current balance?", "bob"))).isNotEqualTo(alices);
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			ChatResponse otherConversation = client.prompt()
				.messages(new UserMessage("Close my account"), new AssistantMessage("Are you sure?"))
				.user("What is my current balance?")
				.options(RoutingChatOptions.builder().tenant("alice"))
				.call()
				.chatResponse();
			assertThat(CacheHit.from(otherConversation)).isEmpty();
			assertThat(text(otherConversation)).isNotEqualTo(alices);
		});
		cleanUp();
	}

	@Test
	void redisStoppedMidTestDegradesToMissesWithoutFailedRequestsAndRecovers() throws InterruptedException {
		try (RedisTestServer.DisposableRedis redis = RedisTestServer.disposable()) {
			runner(redis.url())
				.withPropertyValues("llm.cache.redis.timeout=200ms", "llm.cache.redis.retry-interval=1s",
						"spring.data.redis.timeout=300ms")
				.run((context) -> {
					ask(context, "Name three primary colours", "acme");
					eventually(() -> ask(context, "Name three primary colours", "acme"),
							(r) -> CacheHit.from(r).isPresent());
					redis.stop();
					long start = System.nanoTime();
					for (int i = 0; i < 3; i++) {
						ChatResponse response = ask(context, "Name three primary colours", "acme");
						assertThat(text(response)).startsWith("answer ");
						assertThat(CacheHit.from(response)).isEmpty();
					}
					assertThat(Duration.ofNanos(System.nanoTime() - start))
						.as("lookups on a dead Redis are bounded in time")
						.isLessThan(Duration.ofSeconds(5));
					Health degraded = context.getBean(CacheHealthIndicator.class).health(true);
					assertThat(degraded.getStatus()).isEqualTo(Status.UNKNOWN);
					assertThat(degraded.getDetails()).containsEntry("degraded", true);
					redis.start();
					Thread.sleep(1200);
					ChatResponse recovered = eventually(() -> ask(context, "Name four seasons", "acme"),
							(r) -> CacheHit.from(r).isPresent());
					assertThat(CacheHit.from(recovered)).isPresent();
					assertThat(context.getBean(CacheHealthIndicator.class).health(true).getStatus())
						.isEqualTo(Status.UP);
				});
		}
	}

	@Test
	void startsWithRedisDownServesMissesAndUsesTheCacheOnceRedisStarts() throws InterruptedException {
		try (RedisTestServer.DisposableRedis redis = RedisTestServer.disposable()) {
			redis.stop();
			io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
			runner(redis.url())
				.withBean(dev.orchestration.cache.internal.CacheMetrics.class,
						() -> new dev.orchestration.cache.internal.CacheMetrics(meters))
				.withPropertyValues("llm.cache.redis.timeout=200ms", "llm.cache.redis.retry-interval=1s",
						"spring.data.redis.timeout=300ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					RedisSemanticIndex index = context.getBean(RedisSemanticIndex.class);
					for (int i = 0; i < 2; i++) {
						ChatResponse response = ask(context, "Name three primary colours", "acme");
						assertThat(text(response)).startsWith("answer ");
						assertThat(CacheHit.from(response)).isEmpty();
					}
					assertThat(index.isSubscribed()).isFalse();
					Health down = context.getBean(CacheHealthIndicator.class).health(true);
					assertThat(down.getStatus()).isEqualTo(Status.UNKNOWN);
					assertThat(down.getDetails()).containsEntry("semanticIndexSubscribed", false);
					assertThat(meters.get("llm.cache.semantic.subscribed").gauge().value()).isZero();
					redis.start();
					long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
					while (!index.isSubscribed() && System.nanoTime() < deadline) {
						Thread.sleep(100);
					}
					assertThat(index.isSubscribed()).as("subscribed once Redis answers").isTrue();
					ask(context, "Name four seasons", "acme");
					ChatResponse cached = eventually(() -> ask(context, "Name four seasons", "acme"),
							(r) -> CacheHit.from(r).isPresent());
					assertThat(CacheHit.from(cached)).isPresent();
					assertThat(meters.get("llm.cache.semantic.subscribed").gauge().value()).isEqualTo(1.0);
					Health up = context.getBean(CacheHealthIndicator.class).health(true);
					assertThat(up.getStatus()).isEqualTo(Status.UP);
					assertThat(up.getDetails()).containsEntry("semanticIndexSubscribed", true);
				});
		}
	}

	private static ChatResponse ask(ApplicationContext context, String question, String tenant) {
		return context.getBean(RoutingChatClient.class)
			.prompt()
			.user(question)
			.options(RoutingChatOptions.builder().tenant(tenant))
			.call()
			.chatResponse();
	}

	private static ChatResponse eventually(java.util.function.Supplier<ChatResponse> call,
			java.util.function.Predicate<ChatResponse> done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		ChatResponse response = call.get();
		while (!done.test(response) && System.nanoTime() < deadline) {
			sleep(100);
			response = call.get();
		}
		return response;
	}

	private static void awaitIndexSize(ApplicationContext context, long size) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (context.getBean(SemanticIndex.class).size() < size && System.nanoTime() < deadline) {
			sleep(50);
		}
		assertThat(context.getBean(SemanticIndex.class).size()).isEqualTo(size);
	}

	/** Writes are asynchronous: waits until the first instance's entries are in Redis. */
	private void awaitEntriesInRedis(ApplicationContext context, int count) {
		StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (redis.keys(this.prefix + "entry:*").size() < count && System.nanoTime() < deadline) {
			sleep(50);
		}
		assertThat(redis.keys(this.prefix + "entry:*")).hasSizeGreaterThanOrEqualTo(count);
	}

	private void cleanUp() {
		runner(RedisTestServer.url()).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			var keys = redis.keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		});
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
