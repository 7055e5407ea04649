package dev.orchestration.bench.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.bench.BenchCommand;

/**
 * {@code chaos}: starts the sample app (two instances sharing the harness's own Redis for
 * caches and budgets) and drives it over loopback HTTP with a seeded workload at a given
 * concurrency through a schedule of fault phases, then a bad-input corpus; prints per
 * phase the requests, user-visible failures by kind, latency, breaker and health
 * transitions, spend against the cap, and cache hit rates; exits 1 when an invariant
 * breaks (docs/reliability.md).
 */
public final class ChaosCommand implements BenchCommand {

	static final Set<String> SWITCHES = Set.of("smoke", "no-bad-input");

	static final Set<String> VALUED = Set.of("app-jar", "requests", "concurrency", "phases", "instances", "seed",
			"deadline", "cap", "health-bound", "out", "jvm", "warm-up");

	@Override
	public String name() {
		return "chaos";
	}

	@Override
	public String usage() {
		return "[--smoke] [--app-jar JAR] [--requests N per phase] [--concurrency C] [--phases a,b,...] "
				+ "[--instances 1|2] [--seed S] [--deadline 30s] [--cap USD] [--health-bound 1s] [--out DIR] "
				+ "[--jvm \"-Xmx512m ...\"] [--warm-up N] [--no-bad-input] [--set key=value]...";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Flags flags = Flags.parse(args, SWITCHES, VALUED);
		boolean smoke = flags.on("smoke");
		int requests = flags.integer("requests", smoke ? 90 : 3000);
		int concurrency = flags.integer("concurrency", smoke ? 8 : 16);
		long seed = flags.integer("seed", 42);
		Duration deadline = flags.duration("deadline", Duration.ofSeconds(30));
		// the smoke runs on CI machines of unknown load: health took 1.7 s there with
		// Redis up; the defect it must catch
		// (health waiting on Lettuce's 60 s default) is far above 3 s
		Duration healthBound = flags.duration("health-bound", Duration.ofSeconds(smoke ? 3 : 1));
		double cap = flags.decimal("cap", 0.01);
		int instances = flags.integer("instances", 2);
		String defaultPhases = smoke ? "baseline,errors-5xx,provider-down,redis-kill"
				: String.join(",", Phase.schedule().stream().map(Phase::name).toList());
		List<Phase> phases = Arrays.stream(flags.get("phases", defaultPhases).split(","))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.map(Phase::named)
			.toList();
		Path jar = Path.of(flags.get("app-jar", "sample-app/target/sample-app.jar"));
		Path outDir = Path.of(flags.get("out", "target/chaos"));
		List<String> jvm = List.of(flags.get("jvm", "-Xmx512m -XX:+ExitOnOutOfMemoryError").trim().split("\\s+"));

		out.printf(Locale.ROOT,
				"chaos: %d requests per phase at concurrency %d, seed %d, deadline %s, %d instance(s), "
						+ "capped tenant '%s' at %.4f USD/day, phases %s%n",
				requests, concurrency, seed, deadline, instances, Workload.CAPPED, cap,
				phases.stream().map(Phase::name).toList());
		Workload workload = new Workload(seed, 0.15);
		List<String> violations = new ArrayList<>();
		Map<String, PhaseStats> results = new LinkedHashMap<>();
		try (Harness harness = Harness.start(jar, instances, jvm, flags.sets(), deadline, cap, outDir, out)) {
			harness.warmUp(workload, flags.integer("warm-up", 12), out);
			long index = 0;
			double cappedSpend = 0;
			for (Phase phase : phases) {
				PhaseStats stats = runPhase(harness, phase, workload.withStreamShare(phase.streamShare()), index,
						requests, concurrency, seed, out);
				index += requests;
				cappedSpend += stats.spend(Workload.CAPPED);
				results.put(phase.name(), stats);
				List<String> broken = invariants(harness, phase, stats, deadline, healthBound);
				out.println(
						"  invariants: " + (broken.isEmpty() ? "all held" : "BROKEN: " + String.join("; ", broken)));
				broken.forEach((b) -> violations.add(phase.name() + ": " + b));
			}
			double stored = harness.storedSpend(Workload.CAPPED);
			out.printf(Locale.ROOT,
					"%nspend of the capped tenant: %.6f USD from receipts (calls), %s USD in the shared "
							+ "store, cap %.4f USD (%.0f %% used); global spend %s USD%n",
					cappedSpend, Double.isNaN(stored) ? "n/a" : String.format(Locale.ROOT, "%.6f", stored), cap,
					100 * Math.max(cappedSpend, Double.isNaN(stored) ? 0 : stored) / cap,
					String.format(Locale.ROOT, "%.6f", harness.storedSpend("")));
			if (cappedSpend > cap + 1e-9 || (!Double.isNaN(stored) && stored > cap + 1e-9)) {
				violations.add("overspend: the capped tenant spent more than its cap");
			}
			if (!flags.on("no-bad-input")) {
				harness.clearFaults();
				out.println();
				out.println("== bad input: the HTTP corpus against instance a ==");
				List<String> bad = HttpBadInputCorpus.run(harness.instances.get(0).client(), out);
				bad.forEach((b) -> violations.add("bad-input: " + b));
			}
			printSummary(results, out);
		}
		out.println();
		if (violations.isEmpty()) {
			out.println("chaos: every invariant held");
			return 0;
		}
		out.println("chaos: " + violations.size() + " invariant(s) broken:");
		violations.forEach((v) -> out.println("  - " + v));
		return 1;
	}

	static PhaseStats runPhase(Harness harness, Phase phase, Workload workload, long firstIndex, int requests,
			int concurrency, long seed, PrintStream out) throws Exception {
		harness.clearFaults();
		if (!phase.faults().isEmpty()) {
			harness.inject(phase.faultJson(seed));
		}
		long[][] logBefore = harness.instances.stream().map(SampleProcess::errorLines).toArray(long[][]::new);
		harness.monitor.phase(phase.name());
		out.printf(Locale.ROOT, "%n== phase %s: %s ==%n", phase.name(), phase.description());
		PhaseStats stats = new PhaseStats();
		List<SampleClient> clients = harness.clients();
		AtomicLong next = new AtomicLong();
		long start = System.nanoTime();
		final PhaseStats.Segment[] segment = { PhaseStats.Segment.BEFORE };
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < concurrency; w++) {
				workers.add(pool.submit(() -> {
					long i;
					while ((i = next.getAndIncrement()) < requests) {
						if (phase.killRedis() && i == requests / 3) {
							harness.redis.kill();
							harness.monitor.redisDown(true);
							segment[0] = PhaseStats.Segment.REDIS_DOWN;
							out.printf(Locale.ROOT, "  redis killed at request %d (%.1f s)%n", i,
									(System.nanoTime() - start) / 1e9);
						}
						else if (phase.killRedis() && i == 2L * requests / 3) {
							harness.redis.start();
							harness.monitor.redisDown(false);
							segment[0] = PhaseStats.Segment.AFTER;
							out.printf(Locale.ROOT, "  redis restarted (empty) at request %d (%.1f s)%n", i,
									(System.nanoTime() - start) / 1e9);
						}
						PhaseStats.Segment at = segment[0];
						SampleClient client = clients.get((int) (i % clients.size()));
						Outcome outcome = client.sendRetryingInterruptedStreams(workload.request(firstIndex + i));
						harness.record(outcome);
						stats.add(outcome, at);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		stats.wallMillis((System.nanoTime() - start) / 1_000_000);
		harness.monitor.redisDown(false);
		harness.clearFaults();
		report(harness, phase, stats, logBefore, out);
		return stats;
	}

	private static void report(Harness harness, Phase phase, PhaseStats stats, long[][] logBefore, PrintStream out) {
		out.printf(Locale.ROOT, "  requests: %d (%s); user-visible failures: %d%n", stats.requests(),
				stats.throughput(), stats.failures().size());
		out.println("  outcomes: " + PhaseStats.kinds(stats.byKind()));
		out.println("  latency: " + stats.latencyLine());
		out.println("  streams: " + stats.streamLine());
		Map<String, Integer> breakers = harness.monitor.breakerTransitions(phase.name());
		out.println("  breaker transitions: " + (breakers.isEmpty() ? "none" : new java.util.TreeMap<>(breakers)));
		List<String> health = harness.monitor.healthTransitions(phase.name());
		out.println("  health transitions: " + (health.isEmpty() ? "none" : health));
		out.printf(Locale.ROOT, "  health answered within %d ms at most%s%n",
				harness.monitor.maxHealthMillis(phase.name()), phase.killRedis() ? String.format(Locale.ROOT,
						" (%d ms while Redis was down)", harness.monitor.maxHealthMillisRedisDown(phase.name())) : "");
		List<String> spend = new ArrayList<>();
		stats.spendByInstance()
			.forEach((instance, usd) -> spend.add(String.format(Locale.ROOT, "%s %.6f", instance, usd)));
		out.printf(Locale.ROOT,
				"  spend (receipts of answered calls): %s USD, total %.6f; capped tenant %.6f USD "
						+ "of %.4f, %d refusals%n",
				String.join(", ", spend),
				stats.spendByInstance().values().stream().mapToDouble(Double::doubleValue).sum(),
				stats.spend(Workload.CAPPED), harness.cap,
				stats.outcomes().stream().filter((o) -> o.kind() == Outcome.Kind.BUDGET_REFUSED).count());
		if (phase.killRedis()) {
			out.printf(Locale.ROOT, "  cache hit rate: %s before the Redis fault, %s while down, %s after restart%n",
					PhaseStats.percent(stats.hitRate(PhaseStats.Segment.BEFORE)),
					PhaseStats.percent(stats.hitRate(PhaseStats.Segment.REDIS_DOWN)),
					PhaseStats.percent(stats.hitRate(PhaseStats.Segment.AFTER)));
		}
		else {
			out.println("  cache hit rate: " + PhaseStats.percent(stats.hitRate()));
		}
		List<String> logs = new ArrayList<>();
		for (int i = 0; i < harness.instances.size(); i++) {
			long[] now = harness.instances.get(i).errorLines();
			logs.add(String.format(Locale.ROOT, "%s +%d ERROR lines, +%d exception headers",
					harness.instances.get(i).name(), now[0] - logBefore[i][0], now[1] - logBefore[i][1]));
		}
		out.println("  logs: " + String.join("; ", logs));
		List<Outcome> failures = stats.failures();
		if (!failures.isEmpty()) {
			Map<String, Integer> examples = new LinkedHashMap<>();
			for (Outcome failure : failures) {
				examples.merge(failure.kind() + " " + failure.status() + (failure.streamed() ? " stream" : "")
						+ " tenant=" + failure.tenant(), 1, Integer::sum);
			}
			out.println("  failures by kind: " + examples);
		}
	}

	static List<String> invariants(Harness harness, Phase phase, PhaseStats stats, Duration deadline,
			Duration healthBound) {
		List<String> broken = new ArrayList<>();
		List<Outcome> failures = stats.failures();
		// every phase of the schedule leaves at least one member of every tier healthy
		if (!failures.isEmpty()) {
			broken.add(failures.size() + " user-visible failure(s) while healthy members existed");
		}
		long overDeadline = stats.outcomes()
			.stream()
			.filter((o) -> o.kind() == Outcome.Kind.DEADLINE_EXCEEDED || o.latencyMillis() > deadline.toMillis())
			.count();
		if (overDeadline > 0) {
			broken.add(overDeadline + " request(s) past the " + deadline.toSeconds() + " s deadline");
		}
		long stacks = stats.outcomes().stream().filter(Outcome::leaksStack).count();
		if (stacks > 0) {
			broken.add(stacks + " response(s) with a stack trace");
		}
		long internal = stats.outcomes().stream().filter((o) -> o.status() == 500).count();
		if (internal > 0) {
			broken.add(internal + " HTTP 500 answer(s)");
		}
		List<String> cross = harness.checkCrossTenant(stats.outcomes());
		if (!cross.isEmpty()) {
			broken.add(cross.size() + " cross-tenant cache hit(s), e.g. " + cross.get(0));
		}
		if (phase.killRedis() && harness.monitor.maxHealthMillisRedisDown(phase.name()) > healthBound.toMillis()) {
			broken.add("health took " + harness.monitor.maxHealthMillisRedisDown(phase.name())
					+ " ms while Redis was down (bound " + healthBound.toMillis() + " ms)");
		}
		return broken;
	}

	private static void printSummary(Map<String, PhaseStats> results, PrintStream out) {
		out.println();
		out.println("| phase | requests | failures | p50 ms | p99 ms | max ms | cache hits | req/s |");
		out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		results.forEach((name, stats) -> {
			long[] sorted = stats.latencies();
			out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %s |%n", name, stats.requests(),
					stats.failures().size(), PhaseStats.percentile(sorted, 50), PhaseStats.percentile(sorted, 99),
					(sorted.length > 0) ? sorted[sorted.length - 1] : 0, PhaseStats.percent(stats.hitRate()),
					stats.throughput().isEmpty() ? "" : stats.throughput().split(" ")[0]);
		});
	}

}
