package dev.orchestration.sample;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caches and budgets in a Redis that this test starts (its own {@code redis-server} on a
 * free port, never the shared one) and then kills: chat requests are still answered, and
 * health answers (DOWN, naming Redis) instead of waiting for Lettuce's 60 s default
 * command timeout, because the sample sets {@code spring.data.redis.timeout}. The health
 * call gives up after {@link #HEALTH_BOUND}, far below that default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.simulator.models.sim-nano.error-rate=0",
				"sample.simulator.models.sim-mini.error-rate=0", "llm.cache.store=redis", "llm.budget.store=redis",
				"llm.budget.daily-limit=10", "management.health.redis.enabled=true" })
class RedisDownTests {

	private static final Duration HEALTH_BOUND = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Process redis;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry registry) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try {
			redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save",
					"", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "sample-redis-down-test.log"))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("this test starts its own Redis: install redis-server (Redis 7, for "
					+ "example apt-get install redis-server) so that it is on the PATH", ex);
		}
		awaitPort(port);
		registry.add("spring.data.redis.port", () -> port);
	}

	private static void awaitPort(int port) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("redis-server did not listen on " + port + " within 10 s");
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.destroyForcibly();
		}
	}

	@Test
	void chatIsAnsweredAndHealthSaysRedisIsDownWithoutWaitingForTheClientDefault() throws Exception {
		RawHttp http = new RawHttp(this.port);
		assertThat(http.postJson("/chat", "{\"message\": \"What is a cache hit?\"}").status()).isEqualTo(200);
		assertThat(JSON.readTree(http.get("/actuator/health").body()).get("status").asString()).isEqualTo("UP");

		redis.destroyForcibly();
		assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 3; i++) {
			RawHttp.Answer answer = http.postJson("/chat", "{\"message\": \"What is a cache miss? " + i + "\"}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		}
		RawHttp.Answer health = http.get("/actuator/health", HEALTH_BOUND);
		assertThat(health.status()).isEqualTo(503);
		JsonNode body = JSON.readTree(health.body());
		assertThat(body.get("components").get("redis").get("status").asString()).isEqualTo("DOWN");
		assertThat(health.leaksStack()).isFalse();
	}

}
