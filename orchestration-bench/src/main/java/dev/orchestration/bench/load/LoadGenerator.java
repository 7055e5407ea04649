package dev.orchestration.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load on loopback: N platform threads, each sending the next request
 * when the previous one is answered, until the phase's duration is over or its request
 * count is reached.
 */
public final class LoadGenerator {

	private final HttpClient client;

	/**
	 * Creates a generator with one HTTP/1.1 client shared by its threads.
	 */
	public LoadGenerator() {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Runs one phase.
	 * @param uri where to send (loopback only)
	 * @param body the request body (text)
	 * @param concurrency the number of threads
	 * @param duration the longest the phase lasts
	 * @param maxRequests the most requests the phase sends
	 * @return what the phase measured
	 */
	public LoadResult run(URI uri, String body, int concurrency, Duration duration, long maxRequests)
			throws InterruptedException {
		if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
			throw new IllegalArgumentException("The load generator only sends to loopback, not " + uri);
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		AtomicLong budget = new AtomicLong(maxRequests);
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			Worker worker = new Worker(request, budget, errors, deadline);
			workers.add(worker);
			worker.thread.start();
		}
		for (Worker worker : workers) {
			worker.thread.join();
		}
		long elapsed = System.nanoTime() - start;
		long[] latencies = workers.stream().flatMapToLong((worker) -> Arrays.stream(worker.latencies())).toArray();
		return new LoadResult(uri.getPath(), concurrency, latencies.length, errors.get(), elapsed,
				Percentiles.of(latencies), residentSetKilobytes());
	}

	/**
	 * The resident set of this process, from {@code VmRSS} in {@code /proc/self/status}.
	 * @return kilobytes, or -1 where /proc is missing
	 */
	public static long residentSetKilobytes() {
		try {
			return vmRss(Files.readAllLines(Path.of("/proc/self/status")));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	static long vmRss(List<String> status) {
		for (String line : status) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
			}
		}
		return -1;
	}

	private final class Worker implements Runnable {

		private final Thread thread = new Thread(this, "bench-load");

		private final HttpRequest request;

		private final AtomicLong budget;

		private final AtomicLong errors;

		private final long deadline;

		private long[] latencies = new long[1024];

		private int count;

		Worker(HttpRequest request, AtomicLong budget, AtomicLong errors, long deadline) {
			this.request = request;
			this.budget = budget;
			this.errors = errors;
			this.deadline = deadline;
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			while (System.nanoTime() < this.deadline && this.budget.getAndDecrement() > 0) {
				long begin = System.nanoTime();
				try {
					HttpResponse<Void> response = LoadGenerator.this.client.send(this.request,
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						record(System.nanoTime() - begin);
					}
					else {
						this.errors.incrementAndGet();
					}
				}
				catch (IOException ex) {
					this.errors.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		private void record(long nanos) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = nanos;
		}

		long[] latencies() {
			return Arrays.copyOf(this.latencies, this.count);
		}

	}

}
