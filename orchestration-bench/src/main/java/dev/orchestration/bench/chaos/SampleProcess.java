package dev.orchestration.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the app under test: {@code java -jar <app> --server.port=<free port>}
 * bound to 127.0.0.1, with the harness's properties, its output in a log file.
 */
final class SampleProcess implements AutoCloseable {

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private final SampleClient client;

	private SampleProcess(String name, int port, Path log, Process process, Duration deadline) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
		this.client = new SampleClient(name, "http://127.0.0.1:" + port, deadline);
	}

	static SampleProcess start(String name, Path jar, List<String> jvmOptions, List<String> properties, Path logDir,
			Duration deadline) throws IOException {
		int port = freePort();
		Path log = logDir.resolve("instance-" + name + ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--sample.fault-control.instance=" + name);
		for (String property : properties) {
			command.add("--" + property);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(new File(log.toString())))
			.start();
		return new SampleProcess(name, port, log, process, deadline);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Waits until health answers 200 (or the process dies, or the time is up). */
	Duration awaitReady(Duration limit) throws IOException, InterruptedException {
		long start = System.nanoTime();
		long end = start + limit.toNanos();
		while (System.nanoTime() < end) {
			if (!this.process.isAlive()) {
				throw new IOException("instance " + this.name + " exited with " + this.process.exitValue()
						+ " before it was ready; its log: " + this.log);
			}
			if (this.client.health().httpStatus() == 200) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(500);
		}
		throw new IOException("instance " + this.name + " was not healthy within " + limit + "; its log: " + this.log);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	SampleClient client() {
		return this.client;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	/** Resident set size from {@code /proc/<pid>/status} (Linux), or -1. */
	long rssBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	/**
	 * Lines of the log at ERROR level so far, and how many of them begin a stack trace.
	 */
	long[] errorLines() {
		long errors = 0;
		long stacks = 0;
		try (var lines = Files.lines(this.log)) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.contains(" ERROR ")) {
					errors++;
				}
				else if (line.startsWith("\tat ")) {
					continue;
				}
				if (line.startsWith("Caused by:") || line.matches("^[a-z][\\w.]*\\.[A-Z]\\w*(Exception|Error).*")) {
					stacks++;
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return new long[] { -1, -1 };
		}
		return new long[] { errors, stacks };
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
