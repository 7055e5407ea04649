package dev.orchestration.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Finds the Redis the Redis-backed tests (caches, budgets) run against:
 * {@code ORCHESTRATION_REDIS_URL} when set (CI sets it after making sure the local server
 * answers), else a Testcontainers Redis where Docker runs, else a Redis answering on
 * 127.0.0.1:6379. With none of them the tests fail and say how to provide one; they never
 * skip.
 */
public final class RedisTestServer {

	private static final String HOW_TO = "These tests need Redis 7 (no modules): set ORCHESTRATION_REDIS_URL="
			+ "redis://127.0.0.1:6379 for a running server, or start Docker so Testcontainers can run one.";

	private static String url;

	private RedisTestServer() {
	}

	/**
	 * A started Lettuce connection factory to {@link #url()}; the caller stops it.
	 */
	public static LettuceConnectionFactory connectionFactory() {
		URI uri = URI.create(url());
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	public static synchronized String url() {
		if (url == null) {
			url = resolve();
		}
		return url;
	}

	private static String resolve() {
		String configured = System.getenv("ORCHESTRATION_REDIS_URL");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (dockerAvailable()) {
			GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			redis.start();
			return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
		}
		if (answers("127.0.0.1", 6379)) {
			return "redis://127.0.0.1:6379";
		}
		throw new IllegalStateException(HOW_TO);
	}

	/**
	 * A private Redis that a test may stop and start again: a local redis-server process,
	 * or a container.
	 */
	public static DisposableRedis disposable() {
		if (redisServerBinary() != null) {
			return new ProcessRedis(redisServerBinary(), freePort());
		}
		if (dockerAvailable()) {
			return new ContainerRedis();
		}
		throw new IllegalStateException("This test stops Redis mid-test: it needs the redis-server binary on the PATH "
				+ "(apt-get install redis-server) or Docker.");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String redisServerBinary() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A Redis a test can stop and restart on the same port. */
	public interface DisposableRedis extends AutoCloseable {

		String url();

		void start();

		void stop();

		@Override
		void close();

	}

	private static final class ProcessRedis implements DisposableRedis {

		private final String binary;

		private final int port;

		private Process process;

		ProcessRedis(String binary, int port) {
			this.binary = binary;
			this.port = port;
			start();
		}

		@Override
		public String url() {
			return "redis://127.0.0.1:" + this.port;
		}

		@Override
		public void start() {
			try {
				this.process = new ProcessBuilder(List.of(this.binary, "--port", String.valueOf(this.port), "--bind",
						"127.0.0.1", "--save", "", "--appendonly", "no"))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!answers("127.0.0.1", this.port)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("redis-server did not start on port " + this.port);
				}
				sleep(50);
			}
		}

		@Override
		public void stop() {
			this.process.destroy();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (answers("127.0.0.1", this.port) && System.nanoTime() < deadline) {
				sleep(50);
			}
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
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

	private static final class ContainerRedis implements DisposableRedis {

		private final GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);

		ContainerRedis() {
			this.container.start();
		}

		@Override
		public String url() {
			return "redis://" + this.container.getHost() + ":" + this.container.getMappedPort(6379);
		}

		@Override
		public void start() {
			this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void stop() {
			this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void close() {
			this.container.stop();
		}

	}

}
