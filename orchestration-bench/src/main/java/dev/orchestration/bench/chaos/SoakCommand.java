package dev.orchestration.bench.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.bench.BenchCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code soak}: one instance for N minutes at a given request rate with a low fault rate;
 * every sampling interval it records heap used after a full GC, RSS, live threads and the
 * p99 of that interval. It fails when a figure grows without bound ({@link Slope#grows}:
 * the least-squares slope over the second half of the samples, per hour, above the stated
 * threshold (heap 120 MB/h, RSS 240 MB/h, threads 60/h, p99 3,000 ms/h) while the last
 * quarter's mean is above the first half's highest value), or when a request failed.
 */
public final class SoakCommand implements BenchCommand {

	static final String FAULTS = "{\"seed\": 11, \"models\": {\"sim-nano\": {\"errorRate\": 0.05, \"errorStatus\": 503},"
			+ " \"sim-mini\": {\"errorRate\": 0.03, \"errorStatus\": 503}, \"sim-haiku\": {\"errorRate\": 0.02,"
			+ " \"errorStatus\": 429, \"retryAfterMs\": 1000}}}";

	/** Threshold per hour of each series' slope. */
	static final Map<String, Double> THRESHOLDS = Map.of("heap MB", 120.0, "RSS MB", 240.0, "threads", 60.0, "p99 ms",
			3000.0);

	@Override
	public String name() {
		return "soak";
	}

	@Override
	public String usage() {
		return "[--minutes N] [--rate R req/s] [--concurrency C] [--sample-every 30s] [--instances 1|2] "
				+ "[--app-jar JAR] [--seed S] [--deadline 30s] [--out DIR] [--jvm OPTS] [--set key=value]...";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Flags flags = Flags.parse(args, Set.of(), Set.of("minutes", "rate", "concurrency", "sample-every", "instances",
				"app-jar", "seed", "deadline", "out", "jvm"));
		int minutes = flags.integer("minutes", 10);
		double rate = flags.decimal("rate", 40);
		int concurrency = flags.integer("concurrency", 8);
		Duration every = flags.duration("sample-every", Duration.ofSeconds(30));
		Duration deadline = flags.duration("deadline", Duration.ofSeconds(30));
		long seed = flags.integer("seed", 7);
		Path jar = Path.of(flags.get("app-jar", "sample-app/target/sample-app.jar"));
		Path outDir = Path.of(flags.get("out", "target/soak"));
		List<String> jvm = List.of(flags.get("jvm", "-Xmx512m -XX:+ExitOnOutOfMemoryError").trim().split("\\s+"));
		out.printf(Locale.ROOT, "soak: %d min at %.0f req/s (concurrency %d), faults %s, samples every %s%n", minutes,
				rate, concurrency, FAULTS, every);
		Workload workload = new Workload(seed, 0.15);
		try (Harness harness = Harness.start(jar, flags.integer("instances", 1), jvm, flags.sets(), deadline, 0.01,
				outDir, out)) {
			harness.warmUp(workload, 12, out);
			harness.inject(FAULTS);
			return soak(harness, workload, minutes, rate, concurrency, every, out);
		}
	}

	private static int soak(Harness harness, Workload workload, int minutes, double rate, int concurrency,
			Duration every, PrintStream out) throws Exception {
		SampleProcess instance = harness.instances.get(0);
		List<SampleClient> clients = harness.clients();
		long start = System.nanoTime();
		long end = start + Duration.ofMinutes(minutes).toNanos();
		AtomicLong ticket = new AtomicLong();
		ConcurrentLinkedQueue<Long> window = new ConcurrentLinkedQueue<>();
		PhaseStats all = new PhaseStats();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			workers.add(pool.submit(() -> {
				while (true) {
					long k = ticket.getAndIncrement();
					long due = start + (long) (k * 1e9 / rate);
					if (due >= end) {
						return null;
					}
					long wait = due - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
					Outcome outcome = clients.get((int) (k % clients.size()))
						.sendRetryingInterruptedStreams(workload.request(k));
					harness.record(outcome);
					all.add(outcome, PhaseStats.Segment.BEFORE);
					window.add(outcome.latencyMillis());
				}
			}));
		}
		Map<String, List<Double>> series = new LinkedHashMap<>();
		for (String name : List.of("heap MB", "RSS MB", "threads", "p99 ms")) {
			series.put(name, new ArrayList<>());
		}
		List<Double> times = new ArrayList<>();
		out.println("| min | requests | failures | heap after GC MB | RSS MB | threads | p99 ms (window) |");
		out.println("|---:|---:|---:|---:|---:|---:|---:|");
		long nextSample = start + every.toNanos();
		while (System.nanoTime() < end + every.toNanos() / 2) {
			long sleep = nextSample - System.nanoTime();
			if (sleep > 0) {
				Thread.sleep(sleep / 1_000_000);
			}
			nextSample += every.toNanos();
			List<Long> latencies = new ArrayList<>();
			Long latency;
			while ((latency = window.poll()) != null) {
				latencies.add(latency);
			}
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			JsonNode diagnostics = instance.client().get("/sample/diagnostics");
			double minute = (System.nanoTime() - start) / 6e10;
			double heap = diagnostics.path("heapAfterGcBytes").asLong(0) / 1048576.0;
			double rss = instance.rssBytes() / 1048576.0;
			double threads = diagnostics.path("liveThreads").asInt(0);
			double p99 = PhaseStats.percentile(sorted, 99);
			times.add(minute);
			series.get("heap MB").add(heap);
			series.get("RSS MB").add(rss);
			series.get("threads").add(threads);
			series.get("p99 ms").add(p99);
			out.printf(Locale.ROOT, "| %.1f | %d | %d | %.1f | %.1f | %.0f | %.0f |%n", minute, all.requests(),
					all.failures().size(), heap, rss, threads, p99);
			if (System.nanoTime() >= end && workers.stream().allMatch(Future::isDone)) {
				break;
			}
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdownNow();
		double seconds = (System.nanoTime() - start) / 1e9;
		out.printf(Locale.ROOT, "%nsoak: %d requests in %.0f s (%.1f req/s), outcomes %s, %s%n", all.requests(),
				seconds, all.requests() / seconds, PhaseStats.kinds(all.byKind()), all.latencyLine());
		out.println("streams: " + all.streamLine());
		List<String> broken = new ArrayList<>();
		out.println("slopes over the second half (least squares), per hour, against the thresholds (growth also needs"
				+ " the last quarter's mean above the first half's highest value):");
		series.forEach((name, values) -> {
			double perHour = Slope.lastHalf(times, values) * 60;
			double threshold = THRESHOLDS.get(name);
			boolean grows = Slope.grows(times, values, threshold / 60);
			out.printf(Locale.ROOT, "  %-8s %+10.1f /h (threshold %.0f /h) %s%n", name, perHour, threshold,
					grows ? "GROWS" : "bounded");
			if (grows) {
				broken.add(name + " grows " + String.format(Locale.ROOT, "%.1f", perHour) + " per hour");
			}
		});
		if (times.size() < 4) {
			broken.add("too few samples (" + times.size() + ") to judge growth: run longer or sample more often");
		}
		List<Outcome> failures = all.failures();
		if (!failures.isEmpty()) {
			Map<String, Integer> kinds = new LinkedHashMap<>();
			failures.forEach((f) -> kinds.merge(f.kind() + " " + f.status(), 1, Integer::sum));
			broken.add(failures.size() + " user-visible failure(s) while healthy members existed: " + kinds);
		}
		List<String> cross = harness.checkCrossTenant(all.outcomes());
		if (!cross.isEmpty()) {
			broken.add(cross.size() + " cross-tenant cache hit(s)");
		}
		if (broken.isEmpty()) {
			out.println("soak: every invariant held");
			return 0;
		}
		out.println("soak: " + broken.size() + " invariant(s) broken:");
		broken.forEach((b) -> out.println("  - " + b));
		return 1;
	}

}
