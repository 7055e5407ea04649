package dev.orchestration.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * Polls every instance twice a second: health (status and how long it took to answer) and
 * the breaker state of every member ({@code /actuator/llm-routes}); records transitions
 * under the current phase.
 */
final class Monitor implements AutoCloseable {

	private final List<SampleClient> clients;

	private final Thread thread;

	private volatile String phase = "start-up";

	private volatile boolean redisDown;

	private volatile boolean running = true;

	private final Map<String, List<String>> healthTransitions = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Integer>> breakerTransitions = new ConcurrentHashMap<>();

	private final Map<String, Long> maxHealthMillis = new ConcurrentHashMap<>();

	private final Map<String, Long> maxHealthMillisRedisDown = new ConcurrentHashMap<>();

	private final Map<String, String> lastHealth = new HashMap<>();

	private final Map<String, String> lastBreaker = new HashMap<>();

	private long phaseStart = System.nanoTime();

	Monitor(List<SampleClient> clients) {
		this.clients = clients;
		this.thread = new Thread(this::loop, "chaos-monitor");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	synchronized void phase(String name) {
		this.phase = name;
		this.phaseStart = System.nanoTime();
	}

	void redisDown(boolean down) {
		this.redisDown = down;
	}

	private void loop() {
		while (this.running) {
			for (SampleClient client : this.clients) {
				poll(client);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private synchronized void poll(SampleClient client) {
		String phase = this.phase;
		SampleClient.Probe probe = client.health();
		this.maxHealthMillis.merge(phase, probe.latencyMillis(), Math::max);
		if (this.redisDown) {
			this.maxHealthMillisRedisDown.merge(phase, probe.latencyMillis(), Math::max);
		}
		String previous = this.lastHealth.put(client.name(), probe.status());
		if (previous != null && !previous.equals(probe.status())) {
			this.healthTransitions.computeIfAbsent(phase, (k) -> new ArrayList<>())
				.add(String.format(java.util.Locale.ROOT, "%s %s->%s@%.0fs%s", client.name(), previous, probe.status(),
						(System.nanoTime() - this.phaseStart) / 1e9, down(probe.body())));
		}
		try {
			for (JsonNode tier : client.get("/actuator/llm-routes").path("tiers")) {
				for (JsonNode member : tier.path("members")) {
					String id = member.path("id").asString();
					String state = member.path("breaker").path("state").asString("?");
					String before = this.lastBreaker.put(client.name() + "/" + id, state);
					if (before != null && !before.equals(state)) {
						this.breakerTransitions.computeIfAbsent(phase, (k) -> new ConcurrentHashMap<>())
							.merge(id + " " + before + "->" + state, 1, Integer::sum);
					}
				}
			}
		}
		catch (Exception ex) {
			// the instance is busy or gone; the next poll tries again
		}
	}

	/** The names of DOWN components, e.g. " (redis DOWN)". */
	private static String down(JsonNode health) {
		List<String> down = new ArrayList<>();
		health.path("components").properties().forEach((entry) -> {
			String status = entry.getValue().path("status").asString("");
			if (!status.equals("UP")) {
				down.add(entry.getKey() + " " + status);
			}
		});
		return down.isEmpty() ? "" : " (" + String.join(", ", down) + ")";
	}

	/**
	 * Forgets the last breaker states: after the harness resets breakers, a reset is not
	 * a transition.
	 */
	synchronized void forgetBreakers() {
		this.lastBreaker.clear();
	}

	synchronized List<String> healthTransitions(String phase) {
		return List.copyOf(this.healthTransitions.getOrDefault(phase, List.of()));
	}

	synchronized Map<String, Integer> breakerTransitions(String phase) {
		return Map.copyOf(this.breakerTransitions.getOrDefault(phase, Map.of()));
	}

	long maxHealthMillis(String phase) {
		return this.maxHealthMillis.getOrDefault(phase, 0L);
	}

	long maxHealthMillisRedisDown(String phase) {
		return this.maxHealthMillisRedisDown.getOrDefault(phase, -1L);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join(5_000);
	}

}
