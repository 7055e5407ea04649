package dev.orchestration.bench.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One phase of the fault schedule: the faults injected into the simulated models of every
 * instance (JSON of the sample's {@code POST /sample/faults}), the share of streamed
 * requests, and whether Redis is killed a third of the way in and restarted at two
 * thirds.
 *
 * @param name the phase's name on the command line and in the report
 * @param description what is injected
 * @param faults per model, the fault JSON object
 * @param streamShare share of requests sent to {@code /chat/stream}
 * @param killRedis whether Redis is killed and restarted during the phase
 */
record Phase(String name, String description, Map<String, String> faults, double streamShare, boolean killRedis) {

	static final List<String> OPENAI_MODELS = List.of("sim-nano", "sim-mini", "sim-frontier");

	/**
	 * The default schedule, in order; {@code tier-down} is extra (it breaks an invariant
	 * today, see the docs).
	 */
	static List<Phase> schedule() {
		return List.of(new Phase("baseline", "no faults", Map.of(), 0.15, false),
				new Phase("errors-5xx", "30 % 503 on sim-nano and sim-mini, 10 % 500 on sim-frontier",
						Map.of("sim-nano", "{\"errorRate\": 0.3, \"errorStatus\": 503}", "sim-mini",
								"{\"errorRate\": 0.3, \"errorStatus\": 503}", "sim-frontier",
								"{\"errorRate\": 0.1, \"errorStatus\": 500}"),
						0.15, false),
				new Phase("rate-limit-429", "80 % 429 with Retry-After 2 s on sim-haiku and sim-sonnet",
						Map.of("sim-haiku", "{\"errorRate\": 0.8, \"errorStatus\": 429, \"retryAfterMs\": 2000}",
								"sim-sonnet", "{\"errorRate\": 0.8, \"errorStatus\": 429, \"retryAfterMs\": 2000}"),
						0.15, false),
				new Phase("latency-spikes", "sim-mini and sim-sonnet answer in 1-3 s",
						Map.of("sim-mini", "{\"minLatencyMs\": 1000, \"maxLatencyMs\": 3000}", "sim-sonnet",
								"{\"minLatencyMs\": 1000, \"maxLatencyMs\": 3000}"),
						0.15, false),
				new Phase("stall", "sim-nano accepts every request and never answers",
						Map.of("sim-nano", "{\"hang\": true}"), 0.15, false),
				new Phase("stream-cuts",
						"streams of sim-nano, sim-mini and sim-frontier cut after 2 chunks; 50 % streamed",
						Map.of("sim-nano", "{\"cutStreamAfter\": 2}", "sim-mini", "{\"cutStreamAfter\": 2}",
								"sim-frontier", "{\"cutStreamAfter\": 2}"),
						0.5, false),
				new Phase("provider-down", "every OpenAI model answers 503 (the whole provider down)",
						down(OPENAI_MODELS), 0.15, false),
				new Phase("redis-kill", "Redis killed (SIGKILL) at 1/3 of the phase, restarted empty at 2/3", Map.of(),
						0.15, true));
	}

	static Phase tierDown() {
		return new Phase("tier-down", "both frontier members answer 503 (cheaper tiers healthy)",
				down(List.of("sim-frontier", "sim-opus")), 0.15, false);
	}

	static Phase named(String name) {
		if (name.equals("tier-down")) {
			return tierDown();
		}
		return schedule().stream()
			.filter((phase) -> phase.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new dev.orchestration.bench.UsageException("unknown phase '" + name + "'; phases: "
					+ String.join(", ", schedule().stream().map(Phase::name).toList()) + ", tier-down"));
	}

	private static Map<String, String> down(List<String> models) {
		Map<String, String> faults = new LinkedHashMap<>();
		models.forEach((model) -> faults.put(model, "{\"down\": true, \"errorStatus\": 503}"));
		return faults;
	}

	String faultJson(long seed) {
		StringBuilder json = new StringBuilder("{\"seed\": ").append(seed).append(", \"models\": {");
		int i = 0;
		for (Map.Entry<String, String> fault : this.faults.entrySet()) {
			json.append((i++ > 0) ? ", " : "")
				.append('"')
				.append(fault.getKey())
				.append("\": ")
				.append(fault.getValue());
		}
		return json.append("}}").toString();
	}

}
