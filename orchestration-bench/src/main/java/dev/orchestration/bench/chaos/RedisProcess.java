package dev.orchestration.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} of the harness's own on a free loopback port (never the shared
 * 6379), without persistence, so that it can be killed and restarted.
 */
final class RedisProcess implements AutoCloseable {

	private final int port;

	private final Path log;

	private @Nullable Process process;

	RedisProcess(int port, Path log) {
		this.port = port;
		this.log = log;
	}

	int port() {
		return this.port;
	}

	void start() throws IOException, InterruptedException {
		try {
			this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(this.log.toString())))
				.start();
		}
		catch (IOException ex) {
			throw new IOException(
					"the harness starts its own Redis: put redis-server (Redis 7) on the PATH, for example "
							+ "apt-get install redis-server",
					ex);
		}
		for (int i = 0; i < 100; i++) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IOException(
				"redis-server did not listen on 127.0.0.1:" + this.port + " within 10 s (log: " + this.log + ")");
	}

	/**
	 * SIGKILL: no shutdown, no save; what a crashed or partitioned Redis looks like to
	 * its clients.
	 */
	void kill() throws InterruptedException {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			current.waitFor(10, TimeUnit.SECONDS);
		}
		this.process = null;
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

}
