package dev.orchestration.bench.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.orchestration.bench.UsageException;
import tools.jackson.databind.JsonNode;

/**
 * What the chaos and soak commands share: their own Redis, one or two instances of the
 * app sharing it for caches and budgets, the monitor, warm-up, and the cross-tenant check
 * over answer tags.
 */
final class Harness implements AutoCloseable {

	/**
	 * How long an instance may take to become healthy (a loaded 2-core machine took over
	 * 4 minutes).
	 */
	private static final Duration START_LIMIT = Duration.ofMinutes(10);

	final RedisProcess redis;

	final List<SampleProcess> instances = new ArrayList<>();

	final Monitor monitor;

	final double cap;

	/** Tenant of the request that generated each tagged answer. */
	private final Map<String, String> generatedFor = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> crossTenantHits = new ConcurrentLinkedQueue<>();

	private Harness(RedisProcess redis, List<SampleProcess> instances, double cap) {
		this.redis = redis;
		this.instances.addAll(instances);
		this.monitor = new Monitor(instances.stream().map(SampleProcess::client).toList());
		this.cap = cap;
	}

	/**
	 * Starts Redis and the instances (in parallel) and waits until all are healthy.
	 */
	static Harness start(Path jar, int instanceCount, List<String> jvm, List<String> sets, Duration deadline,
			double cap, Path outDir, PrintStream out) throws Exception {
		if (!Files.isRegularFile(jar)) {
			throw new UsageException("no app jar at " + jar + ": build it with mvn -B -pl sample-app -am -DskipTests "
					+ "package, or pass --app-jar");
		}
		Files.createDirectories(outDir);
		RedisProcess redis = new RedisProcess(SampleProcess.freePort(), outDir.resolve("redis.log"));
		redis.start();
		out.printf(Locale.ROOT, "redis-server (own, no persistence) on 127.0.0.1:%d%n", redis.port());
		List<String> properties = new ArrayList<>(List.of("sample.workload.requests=0",
				"sample.fault-control.enabled=true", "sample.fault-control.tag-answers=true",
				"spring.data.redis.port=" + redis.port(), "llm.cache.store=redis", "llm.budget.store=redis",
				"management.health.redis.enabled=true", "management.endpoint.llmroutes.access=unrestricted",
				"llm.budget.daily-limit=1000", "llm.budget.tenants." + Workload.CAPPED + ".daily-limit=" + cap,
				// the sample's 20 s stopped every warm-up call of the first full run at
				// load 40
				// (the instances took 416 s to start); an upper bound only: at load 13
				// the
				// warm-up took 4-8 s
				"llm.warm-up.timeout=90s"));
		properties.addAll(sets);
		List<SampleProcess> started = new ArrayList<>();
		try {
			for (int i = 0; i < instanceCount; i++) {
				started
					.add(SampleProcess.start(String.valueOf((char) ('a' + i)), jar, jvm, properties, outDir, deadline));
			}
			for (SampleProcess instance : started) {
				Duration ready = instance.awaitReady(START_LIMIT);
				out.printf(Locale.ROOT, "instance %s: pid %d, 127.0.0.1:%d, healthy after %.1f s (log %s)%n",
						instance.name(), instance.pid(), instance.port(), ready.toMillis() / 1000.0, instance.log());
			}
		}
		catch (Exception ex) {
			for (SampleProcess instance : started) {
				instance.close();
			}
			redis.close();
			throw ex;
		}
		return new Harness(redis, started, cap);
	}

	List<SampleClient> clients() {
		return this.instances.stream().map(SampleProcess::client).toList();
	}

	/**
	 * The first requests after start-up are slow (cold clients); measured, then kept out
	 * of the phases.
	 */
	void warmUp(Workload workload, int perInstance, PrintStream out) {
		for (SampleProcess instance : this.instances) {
			long[] latencies = new long[perInstance];
			for (int i = 0; i < perInstance; i++) {
				Outcome outcome = instance.client().send(workload.request(-1 - i));
				latencies[i] = outcome.latencyMillis();
				record(outcome);
			}
			out.printf(Locale.ROOT, "warm-up %s: first request %d ms, next %s ms%n", instance.name(), latencies[0],
					Arrays.toString(Arrays.copyOfRange(latencies, 1, Math.min(perInstance, 6))));
		}
	}

	/**
	 * Remembers which tenant a fresh answer was generated for; checks a cached one
	 * against it.
	 */
	void record(Outcome outcome) {
		if (outcome.kind() != Outcome.Kind.OK || outcome.tag() == null) {
			return;
		}
		if (!outcome.cached()) {
			this.generatedFor.putIfAbsent(outcome.tag(), outcome.tenant());
		}
	}

	/**
	 * After a phase, when every answer generated in it is known: cached answers must
	 * belong to the asker.
	 */
	List<String> checkCrossTenant(List<Outcome> outcomes) {
		List<String> found = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			if (outcome.kind() == Outcome.Kind.OK && outcome.cached() && outcome.tag() != null) {
				String owner = this.generatedFor.get(outcome.tag());
				if (owner != null && !owner.equals(outcome.tenant())) {
					found.add("answer #" + outcome.tag() + " generated for " + owner + " served from the "
							+ outcome.cacheLayer() + " cache to " + outcome.tenant());
				}
			}
		}
		this.crossTenantHits.addAll(found);
		return found;
	}

	/**
	 * Spend of a tenant for today from the shared budget store (the routes endpoint), or
	 * NaN.
	 */
	double storedSpend(String tenant) {
		try {
			JsonNode budget = this.instances.get(0).client().get("/actuator/llm-routes").path("budget");
			if (tenant.isEmpty()) {
				return budget.path("global").path(0).path("spent").asDouble(Double.NaN);
			}
			for (JsonNode spend : budget.path("tenants")) {
				if (spend.path("tenant").asString("").equals(tenant)) {
					return spend.path("periods").path(0).path("spent").asDouble(Double.NaN);
				}
			}
		}
		catch (Exception ex) {
			// reported as n/a
		}
		return Double.NaN;
	}

	void clearFaults() throws IOException, InterruptedException {
		for (SampleClient client : clients()) {
			client.clearFaults();
			client.resetBreakers();
			client.expectTags();
		}
		this.monitor.forgetBreakers();
	}

	void inject(String faultJson) throws IOException, InterruptedException {
		for (SampleClient client : clients()) {
			client.faults(faultJson);
			client.expectTags();
		}
	}

	@Override
	public void close() throws Exception {
		this.monitor.close();
		for (SampleProcess instance : this.instances) {
			instance.close();
		}
		this.redis.close();
	}

}
